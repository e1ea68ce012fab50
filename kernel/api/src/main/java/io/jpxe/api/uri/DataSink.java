package io.jpxe.api.uri;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a {@link UriOpener} delivers the bytes it receives.
 *
 * <p>Called from the opener's I/O thread (a Netty event loop): implementations copy and return
 * quickly, never block on anything but a local write. The buffer belongs to the caller and is
 * only valid during the call.
 */
public interface DataSink {

    /** The total size became known (TFTP {@code tsize}, HTTP {@code Content-Length}). */
    void expectedSize(long bytes);

    /**
     * Bytes at offset {@code position} of the file. Offsets may arrive out of order (multicast)
     * and the same range may arrive twice (retransmission); the sink must accept both.
     *
     * @throws IOException if the bytes cannot be stored; the opener then aborts the transfer
     */
    void write(long position, ByteBuffer data) throws IOException;
}
