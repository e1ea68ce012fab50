package io.jpxe.itests;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real boot files prepared by tools/test-assets.sh (.ci/run calls it): Debian's kernel and a cpio initrd. */
public final class TestAssets {
    private TestAssets() {
    }

    private static Path dir() {
        String dir = System.getProperty("jpxe.test.assets");
        if (dir == null) {
            throw new IllegalStateException("system property jpxe.test.assets is not set");
        }
        return Path.of(dir);
    }

    /** A real Linux bzImage (Debian's kernel). */
    public static Path kernel() {
        return existing(dir().resolve("vmlinuz"));
    }

    /** A newc cpio initrd. */
    public static Path initrd() {
        return existing(dir().resolve("initrd.img"));
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: run tools/test-assets.sh (.ci/run does)");
        }
        return p;
    }

    /** The repository root. */
    public static Path root() {
        return Path.of(System.getProperty("jpxe.root", "..")).toAbsolutePath().normalize();
    }
}
