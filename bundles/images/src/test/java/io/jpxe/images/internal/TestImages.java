package io.jpxe.images.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

/** Helpers shared by the image tests. */
final class TestImages {
    private TestImages() {
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static ByteBuffer slice(byte[] data, int from, int to) {
        return ByteBuffer.wrap(data, from, to - from);
    }

    /** How many of this process's descriptors are memfds called {@code jpxe:<label>}. */
    static long openMemfds(String label) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("/memfd:jpxe:" + label + " ");
                } catch (IOException | UnsupportedOperationException e) {
                    return false; // the descriptor of the listing itself, already closed
                }
            }).count();
        }
    }

    static boolean isLinux() {
        return System.getProperty("os.name").toLowerCase().contains("linux");
    }
}
