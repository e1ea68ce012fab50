package io.jpxe.testkit;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import io.jpxe.api.image.Image;

/**
 * An in-memory {@link Image} for tests: a name and fixed bytes, no URI and no type; the command line
 * and flags can be changed as on a real image. It has no backing file, so {@link #path()} fails.
 * Not thread-safe for the mutable parts.
 */
public final class BytesImage implements Image {
    private final String name;
    private final byte[] bytes;
    private final long size;
    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    private String commandLine = "";

    /** An image called {@code name} holding {@code bytes} (not copied: tests own them). */
    public BytesImage(String name, byte[] bytes) {
        this(name, bytes, bytes.length);
    }

    private BytesImage(String name, byte[] bytes, long size) {
        this.name = name;
        this.bytes = bytes;
        this.size = size;
    }

    /**
     * An image that claims {@code size} bytes but holds none (reads find nothing): for checks that
     * look only at sizes, such as the limits of a kernel's initrd area.
     */
    public static BytesImage sized(String name, long size) {
        return new BytesImage(name, new byte[0], size);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<URI> uri() {
        return Optional.empty();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String commandLine() {
        return commandLine;
    }

    @Override
    public void commandLine(String commandLine) {
        this.commandLine = commandLine;
    }

    @Override
    public Optional<String> type() {
        return Optional.empty();
    }

    @Override
    public Set<Flag> flags() {
        return Set.copyOf(flags);
    }

    @Override
    public void flag(Flag flag, boolean on) {
        if (on) {
            flags.add(flag);
        } else {
            flags.remove(flag);
        }
    }

    @Override
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public InputStream openStream() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public int read(long position, ByteBuffer dst) {
        if (position >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), bytes.length - position);
        dst.put(bytes, (int) position, n);
        return n;
    }

    @Override
    public Path path() {
        throw new UnsupportedOperationException("an in-memory image has no file");
    }
}
