package io.jpxe.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** Shared plumbing of the TCP test peers (nginx, vsftpd): scratch folders, free ports, readiness, cleanup. */
final class PeerProcess {
    private PeerProcess() {
    }

    /** A fresh world-readable scratch folder (the servers' workers run as nobody/ftp). */
    static Path scratch(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createDirectories(dir.resolve("root"));
        Files.setPosixFilePermissions(dir.resolve("root"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs a helper command to its end; fails with its output when it fails. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** Waits until something listens on tcp 127.0.0.1:port, or the process dies. */
    static void awaitListening(Process process, int port, Path log, String name) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            if (!run(List.of("ss", "-Hlnt", "sport = :" + port)).isBlank()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException(name + " did not listen on tcp 127.0.0.1:" + port + ": " + Files.readString(log));
    }

    /** Copies a file into the served folder, world-readable. */
    static Path put(Path root, String name, Path source) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.copy(source, file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    static void stop(Process process, Path scratch) throws IOException, InterruptedException {
        process.destroy();
        process.waitFor();
        try (var files = Files.walk(scratch)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
