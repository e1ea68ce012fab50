package io.jpxe.images.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.jpxe.api.image.Image;

/**
 * An image of the {@link ImageStoreImpl}: immutable bytes in a {@link Backing}, plus the metadata
 * iPXE keeps (command line, flags). Thread-safe.
 */
final class StoredImage implements Image {
    private static final int HASH_CHUNK = 1 << 20;

    private final URI uri;
    private final long size;
    /** Lower-case hex, computed on first request: most images are booted, never hashed. */
    private String sha256;
    private volatile String type;
    private final Backing backing;
    private volatile String name;
    private volatile String commandLine = "";
    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);

    StoredImage(String name, URI uri, long size, Backing backing) {
        this.name = Objects.requireNonNull(name, "name");
        this.uri = uri;
        this.size = size;
        this.backing = backing;
    }

    @Override
    public String name() {
        return name;
    }

    /** Renames the image; the store makes sure names stay unique. */
    void rename(String newName) {
        this.name = Objects.requireNonNull(newName, "newName");
    }

    @Override
    public Optional<URI> uri() {
        return Optional.ofNullable(uri);
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
        this.commandLine = commandLine == null ? "" : commandLine;
    }

    /** Records the type found by probing, before the image is registered. */
    void assignType(String typeName) {
        this.type = typeName;
    }

    @Override
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    @Override
    public Set<Flag> flags() {
        synchronized (flags) {
            return flags.isEmpty() ? Set.of() : Set.copyOf(flags);
        }
    }

    @Override
    public void flag(Flag flag, boolean on) {
        synchronized (flags) {
            if (on) {
                flags.add(flag);
            } else {
                flags.remove(flag);
            }
        }
    }

    boolean has(Flag flag) {
        synchronized (flags) {
            return flags.contains(flag);
        }
    }

    /**
     * Hashes the bytes on first use and remembers the result (the bytes never change). Not during
     * the download: hashing there took a core from the transfer (SHA-256 runs at about the speed of
     * a local network) for a value only plans and {@code sha256sum} ask for.
     *
     * @throws UncheckedIOException when the bytes cannot be read (the image was released)
     */
    @Override
    public synchronized String sha256() {
        if (sha256 == null) {
            try {
                sha256 = hashBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot hash image " + name + ": " + e.getMessage(), e);
            }
        }
        return sha256;
    }

    private String hashBytes() throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        ByteBuffer chunk = ByteBuffer.allocate(HASH_CHUNK);
        long position = 0;
        while (position < size) {
            chunk.clear();
            int n = read(position, chunk);
            if (n <= 0) {
                throw new IOException("image ends at " + position + " of " + size + " bytes");
            }
            digest.update(chunk.array(), 0, n);
            position += n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public InputStream openStream() throws IOException {
        backing.channel(); // fail now, not on the first read, if the bytes are gone
        return new PositionalInputStream();
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        if (position < 0) {
            throw new IOException("negative position " + position + " in image " + name);
        }
        if (position >= size) {
            return dst.hasRemaining() ? -1 : 0;
        }
        int wanted = (int) Math.min(dst.remaining(), size - position);
        ByteBuffer window = dst.slice(dst.position(), wanted);
        int total = 0;
        while (window.hasRemaining()) {
            int n = backing.channel().read(window, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        dst.position(dst.position() + total);
        return total;
    }

    @Override
    public Path path() {
        return backing.path();
    }

    Backing backing() {
        return backing;
    }

    /** Frees the bytes; reads fail afterwards. */
    void release() {
        backing.release();
    }

    boolean isReleased() {
        return backing.isReleased();
    }

    @Override
    public String toString() {
        return "image " + name + " (" + size + " bytes)";
    }

    /** Reads by position, so several streams over one image never disturb each other. */
    private final class PositionalInputStream extends InputStream {
        private long position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            int n = StoredImage.this.read(position, ByteBuffer.wrap(b, off, len));
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, size - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, size - position);
        }
    }
}
