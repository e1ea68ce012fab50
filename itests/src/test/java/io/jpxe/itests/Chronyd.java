package io.jpxe.itests;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real chronyd serving NTP from its local clock on 127.0.0.1 and a free port ({@code local stratum 8},
 * {@code -x}: it never touches the system clock), started as a child process and killed on close.
 * .ci/run installs chrony; without it the test fails saying so.
 */
final class Chronyd implements AutoCloseable {
    private static final Path DAEMON = Path.of("/usr/sbin/chronyd");

    private final int port;
    private final Process process;

    private Chronyd(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static Chronyd start(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(DAEMON)) {
            throw new IllegalStateException(DAEMON + " is missing: install chrony (.ci/run does)");
        }
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = Files.writeString(dir.resolve("chrony.conf"), String.join("\n", "port " + port,
                "bindaddress 127.0.0.1", "local stratum 8", "allow 127.0.0.1", "cmdport 0",
                "pidfile " + dir.resolve("chronyd.pid"), "driftfile " + dir.resolve("drift"), ""));
        Process p = new ProcessBuilder(DAEMON.toString(), "-d", "-x", "-f", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chronyd.log").toFile()).start();
        Chronyd server = new Chronyd(port, p);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("chronyd exited with " + p.exitValue() + ": "
                        + Files.readString(dir.resolve("chronyd.log")));
            }
            Process ss = new ProcessBuilder("ss", "-Hlun", "sport = :" + port).start();
            String out = new String(ss.getInputStream().readAllBytes());
            ss.waitFor();
            if (!out.isBlank()) {
                return server;
            }
            Thread.sleep(50);
        }
        server.close();
        throw new IOException("chronyd did not listen on 127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
