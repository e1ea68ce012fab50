package io.jpxe.images.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.jpxe.api.uri.Transfer;
import io.jpxe.api.uri.UriOpener;

/**
 * A test opener serving byte arrays by URI from its own thread, in chunks, last chunk first when
 * asked (like multicast), optionally failing or stalling after some bytes.
 */
final class ArrayOpener implements UriOpener {
    final Map<URI, byte[]> files = new ConcurrentHashMap<>();
    int chunk = 1000;
    boolean reversed;
    /** Fail with EIO once this many bytes were sent; negative for never. */
    long failAfter = -1;
    /** Send this many bytes, then nothing more until cancelled; negative for never. */
    long stallAfter = -1;
    final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public Transfer open(URI uri, DataSink sink) throws JpxeException {
        byte[] data = files.get(uri);
        if (data == null) {
            throw new JpxeException(Errno.ENOENT, uri + ": not found");
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("test opener " + uri).start(() -> serve(data, sink, done));
        return new Transfer() {
            @Override
            public CompletionStage<Long> completion() {
                return done;
            }

            @Override
            public void cancel(JpxeException reason) {
                cancelled.set(true);
                done.completeExceptionally(reason);
            }
        };
    }

    private void serve(byte[] data, DataSink sink, CompletableFuture<Long> done) {
        try {
            sink.expectedSize(data.length);
            int chunks = (data.length + chunk - 1) / chunk;
            long sent = 0;
            for (int i = 0; i < chunks && !done.isDone(); i++) {
                int index = reversed ? chunks - 1 - i : i;
                int from = index * chunk;
                int length = Math.min(chunk, data.length - from);
                if (failAfter >= 0 && sent >= failAfter) {
                    done.completeExceptionally(new JpxeException(Errno.EIO, "connection lost after " + sent + " bytes"));
                    return;
                }
                if (stallAfter >= 0 && sent >= stallAfter) {
                    return; // leave the transfer hanging: only cancel ends it
                }
                sink.write(from, ByteBuffer.wrap(data, from, length));
                sent += length;
            }
            done.complete((long) data.length);
        } catch (IOException e) {
            done.completeExceptionally(new JpxeException(Errno.EIO, e.getMessage(), e));
        }
    }
}
