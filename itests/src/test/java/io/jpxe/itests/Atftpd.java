package io.jpxe.itests;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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

    private final String host;
    private final List<String> namespacePrefix;

    private Atftpd(Path root, Path log, String host, int port, Process process, List<String> namespacePrefix) {
        this.root = root;
        this.log = log;
        this.host = host;
        this.port = port;
        this.process = process;
        this.namespacePrefix = namespacePrefix;
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
        Atftpd server = new Atftpd(root, log, "127.0.0.1", port, p, List.of());
        server.awaitListening(Duration.ofSeconds(5));
        return server;
    }

    /**
     * Starts a multicast-capable server inside network namespace {@code namespace} on
     * {@code address} port 69: RFC 2090 groups 239.255.42.1-10 port 1758 (TTL 1), and PXE MTFTP on
     * port 1759 serving {@code mtftpFile} (a name in {@code files}) on 239.255.1.1 port 3001. MTFTP
     * reads its file list at start-up, so the files are copied in first.
     */
    public static Atftpd startMulticast(String namespace, String address, Map<String, Path> files, String mtftpFile)
            throws IOException, InterruptedException {
        Path daemon = daemon();
        if (!Files.isExecutable(daemon)) {
            throw new IllegalStateException(daemon + " is missing: run tools/transfer-peers.sh (.ci/run does)");
        }
        Path root = Files.createTempDirectory("jpxe-atftpd", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Path copy = root.resolve(file.getKey());
            Files.copy(file.getValue(), copy);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Path log = Files.createTempFile("jpxe-atftpd", ".log");
        // One "file group port" per line; the trailing space keeps the newline out of the port.
        Path mtftpConf = Files.writeString(Files.createTempFile("jpxe-mtftp", ".conf"),
                mtftpFile + " 239.255.1.1 3001 \n");
        Files.setPosixFilePermissions(mtftpConf, PosixFilePermissions.fromString("rw-r--r--")); // read as nobody
        List<String> prefix = List.of("ip", "netns", "exec", namespace);
        List<String> command = new java.util.ArrayList<>(prefix);
        // stdbuf: the log is a file, and tests wait for lines that block buffering would hold back
        command.addAll(List.of("stdbuf", "-oL", daemon.toString(), "--daemon", "--no-fork", "--port", "69", "--bind-address", address,
                "--logfile", "-", "--verbose=7", "--user", "nobody", "--group", "nogroup",
                "--mcast-addr", "239.255.42.1-10", "--mcast-port", "1758", "--mcast-ttl", "1",
                "--mtftp", mtftpConf.toString(), "--mtftp-port", "1759", root.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Atftpd server = new Atftpd(root, log, address, 69, p, prefix);
        server.awaitListening(Duration.ofSeconds(5));
        return server;
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("atftpd exited with " + process.exitValue() + ": " + log());
            }
            List<String> command = new java.util.ArrayList<>(namespacePrefix);
            command.addAll(List.of("ss", "-Hlun", "sport = :" + port));
            Process ss = new ProcessBuilder(command).start();
            String out = new String(ss.getInputStream().readAllBytes());
            ss.waitFor();
            if (!out.isBlank()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("atftpd did not listen on udp " + host + ":" + port + ": " + log());
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

    /** {@code tftp://HOST:PORT/} */
    public String baseUri() {
        return "tftp://" + host + ":" + port + "/";
    }

    /** Kills the server at once (a server dying mid-transfer). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
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
