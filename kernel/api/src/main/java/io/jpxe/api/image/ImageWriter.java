package io.jpxe.api.image;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ProviderType;

import io.jpxe.api.JpxeException;

/**
 * Receives the bytes of an image being downloaded. Nothing is visible in the store until
 * {@link #commit()}; {@link #abort()} (or {@link #close()} without commit) discards everything, so a
 * failed download never leaves an image that looks complete.
 *
 * <p>Writes may come from any one thread at a time (a Netty event loop included); they copy from
 * the caller's buffer and do not retain it.
 */
@ProviderType
public interface ImageWriter extends AutoCloseable {

    /** Writes {@code src} at byte offset {@code position} (out-of-order writes are allowed). */
    void write(long position, ByteBuffer src) throws IOException;

    /** Bytes written so far (the highest offset reached). */
    long size();

    /**
     * Finishes the image: computes its digest, probes its type and registers it.
     *
     * @throws JpxeException if registration fails (e.g. a name clash cannot be resolved)
     */
    Image commit() throws JpxeException;

    /** Discards the bytes. Idempotent. */
    void abort();

    /** Aborts unless committed. */
    @Override
    void close();
}
