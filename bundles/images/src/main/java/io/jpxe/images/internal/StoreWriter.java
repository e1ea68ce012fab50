package io.jpxe.images.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

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
        FileChannel channel = backing.channel();
        long at = position;
        while (data.hasRemaining()) {
            at += channel.write(data, at);
        }
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
        if (backing.isReleased()) {
            throw new JpxeException(Errno.EIO, "the bytes of image " + describe() + " were released");
        }
        StoredImage image = store.register(name, uri, size, backing);
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

    private String describe() {
        return name != null ? name : String.valueOf(uri);
    }
}
