package io.jpxe.images.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;

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
    private enum State { OPEN, COMMITTED, ABORTED }

    private final ImageStoreImpl store;
    private final String name;
    private final URI uri;
    private final Backing backing;
    /** Hashes sequential writes on its own thread as they arrive; the rest is read back at commit. */
    private final PrefixDigest digest = new PrefixDigest();
    /** Volatile: progress reads it from the script thread without taking the writer's lock. */
    private volatile long size;
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
        digest.beforeWrite(position, data, backing.channel());
        long at = position;
        while (data.hasRemaining()) {
            at += backing.channel().write(data, at);
        }
        digest.afterWrite(position, src.duplicate(), backing.channel());
        size = Math.max(size, at);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public synchronized Image commit() throws JpxeException {
        if (state != State.OPEN) {
            throw new JpxeException(Errno.EINVAL, "image " + describe() + " was already " + state.name().toLowerCase());
        }
        String digest;
        try {
            digest = this.digest.finish(size, backing.channel());
        } catch (IOException e) {
            this.digest.close();
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
            digest.close();
            backing.release();
        }
    }

    @Override
    public void close() {
        abort();
    }

    private String describe() {
        return name != null ? name : String.valueOf(uri);
    }
}
