package io.jpxe.itests;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;

/**
 * A real atftpd (RFC 2347/2348/2349, RFC 7440 windowsize, RFC 2090 multicast) serving a folder on
 * 127.0.0.1 and a free port, started as a child process and killed on close. The package conflicts
 * with tftpd-hpa, so tools/transfer-peers.sh (called by .ci/run) unpacks it into
 * {@code target/test-peers/atftpd-root}; without it the test fails saying so.
 */
public final class Atftpd implements AutoCloseable {

    private final Path root;
    private final Path log;
    private final int port;
    private final Process process;

    private Atftpd(Path root, Path log, int port, Process process) {
        this.root = root;
        this.log = log;
        this.port = port;
        this.process = process;
    }

    static Path daemon() {
        return TestAssets.root().resolve("target/test-peers/atftpd-root/usr/sbin/atftpd");
    }

    /** Starts the server, logging every negotiated option, on a fresh world-readable folder. */
    public static Atftpd start() throws IOException, InterruptedException {
        Path daemon = daemon();
        if (!Files.isExecutable(daemon)) {
            throw new IllegalStateException(daemon + " is missing: run tools/transfer-peers.sh (.ci/run does)");
        }
        Path root = Files.createTempDirectory("jpxe-atftpd", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path log = Files.createTempFile("jpxe-atftpd", ".log");
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(daemon.toString(), "--daemon", "--no-fork", "--port", Integer.toString(port),
                "--bind-address", "127.0.0.1", "--logfile", "-", "--verbose=7", "--user", "nobody",
                "--group", "nogroup", root.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Atftpd server = new Atftpd(root, log, port, p);
        server.awaitListening(Duration.ofSeconds(5));
        return server;
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("atftpd exited with " + process.exitValue() + ": " + log());
            }
            Process ss = new ProcessBuilder("ss", "-Hlun", "sport = :" + port).start();
            String out = new String(ss.getInputStream().readAllBytes());
            ss.waitFor();
            if (!out.isBlank()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("atftpd did not listen on udp 127.0.0.1:" + port + ": " + log());
    }

    /** What the server logged so far (options it negotiated, errors). */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Copies {@code source} into the served folder (world-readable). */
    public Path put(String name, Path source) throws IOException {
        Path file = root.resolve(name);
        Files.copy(source, file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    /** {@code tftp://127.0.0.1:PORT/} */
    public String baseUri() {
        return "tftp://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        process.waitFor();
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(log);
    }
}
