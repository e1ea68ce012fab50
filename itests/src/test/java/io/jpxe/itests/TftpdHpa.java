package io.jpxe.itests;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * A real tftpd-hpa serving a folder on 127.0.0.1 and a free port, started as a child process and
 * killed on close. .ci/run installs the package; without it the test fails saying so.
 */
public final class TftpdHpa implements AutoCloseable {
    private static final Path DAEMON = Path.of("/usr/sbin/in.tftpd");

    private final Path root;
    private final int port;
    private final Process process;

    private TftpdHpa(Path root, int port, Process process) {
        this.root = root;
        this.port = port;
        this.process = process;
    }

    /** Starts the server on a fresh, world-readable folder (the daemon runs as nobody). */
    public static TftpdHpa start() throws IOException, InterruptedException {
        if (!Files.isExecutable(DAEMON)) {
            throw new IllegalStateException(DAEMON + " is missing: install tftpd-hpa (.ci/run does)");
        }
        Path root = Files.createTempDirectory("jpxe-tftp", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        int port = freeUdpPort();
        Process p = new ProcessBuilder(DAEMON.toString(), "-L", "-s", root.toString(), "-a", "127.0.0.1:" + port,
                "-u", "nobody").redirectErrorStream(true).start();
        TftpdHpa server = new TftpdHpa(root, port, p);
        server.awaitListening(Duration.ofSeconds(5));
        return server;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("in.tftpd exited with " + process.exitValue() + ": "
                        + new String(process.getInputStream().readAllBytes()));
            }
            Process ss = new ProcessBuilder("ss", "-Hlun", "sport = :" + port).start();
            String out = new String(ss.getInputStream().readAllBytes());
            ss.waitFor();
            if (!out.isBlank()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("in.tftpd did not listen on udp 127.0.0.1:" + port);
    }

    /** Puts a file into the served folder (world-readable). */
    public Path put(String name, byte[] content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    public Path put(String name, Path source) throws IOException {
        return put(name, Files.readAllBytes(source));
    }

    /** {@code tftp://127.0.0.1:PORT/} */
    public String baseUri() {
        return "tftp://127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        process.waitFor();
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
