package io.jpxe.images.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageWriter;

/**
 * Writes one image into its {@link Backing} by position; nothing is visible in the store until
 * {@link #commit()}. Synchronized: the opener's I/O thread writes while the script thread may
 * abort.
 */
final class StoreWriter implements ImageWriter {
    private static final int DIGEST_CHUNK = 64 * 1024;

    private enum State { OPEN, COMMITTED, ABORTED }

    private final ImageStoreImpl store;
    private final String name;
    private final URI uri;
    private final Backing backing;
    private long size;
    private State state = State.OPEN;

    StoreWriter(ImageStoreImpl store, String name, URI uri, Backing backing) {
        this.store = store;
        this.name = name;
        this.uri = uri;
        this.backing = backing;
    }

    @Override
    public synchronized void write(long position, ByteBuffer src) throws IOException {
        if (state != State.OPEN) {
            throw new IOException("image " + describe() + " is no longer being written (" + state + ")");
        }
        if (position < 0) {
            throw new IOException("negative offset " + position + " written to image " + describe());
        }
        ByteBuffer data = src.duplicate(); // the caller's buffer position stays as it was
        long at = position;
        while (data.hasRemaining()) {
            at += backing.channel().write(data, at);
        }
        size = Math.max(size, at);
    }

    @Override
    public synchronized long size() {
        return size;
    }

    @Override
    public synchronized Image commit() throws JpxeException {
        if (state != State.OPEN) {
            throw new JpxeException(Errno.EINVAL, "image " + describe() + " was already " + state.name().toLowerCase());
        }
        String digest;
        try {
            digest = sha256();
        } catch (IOException e) {
            abort();
            throw new JpxeException(Errno.EIO, "could not read back image " + describe() + ": " + e.getMessage(), e);
        }
        StoredImage image = store.register(name, uri, size, digest, backing);
        state = State.COMMITTED;
        return image;
    }

    @Override
    public synchronized void abort() {
        if (state == State.OPEN) {
            state = State.ABORTED;
            backing.release();
        }
    }

    @Override
    public void close() {
        abort();
    }

    private String sha256() throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        ByteBuffer chunk = ByteBuffer.allocate(DIGEST_CHUNK);
        long position = 0;
        while (position < size) {
            chunk.clear().limit((int) Math.min(DIGEST_CHUNK, size - position));
            int n = backing.channel().read(chunk, position);
            if (n < 0) {
                throw new IOException("image ends at " + position + " of " + size + " bytes");
            }
            chunk.flip();
            digest.update(chunk);
            position += n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private String describe() {
        return name != null ? name : String.valueOf(uri);
    }
}
