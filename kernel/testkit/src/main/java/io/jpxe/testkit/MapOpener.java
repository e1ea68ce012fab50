package io.jpxe.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.jpxe.api.uri.Transfer;
import io.jpxe.api.uri.UriOpener;

/**
 * A URI opener for tests: serves the byte arrays put into {@link #files} by URI, from a thread of its
 * own as a network opener would; unknown URIs fail with {@code ENOENT} like a 404. Thread-safe.
 */
public class MapOpener implements UriOpener {
    /** What the opener serves, by absolute URI. */
    public final Map<URI, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public Transfer open(URI uri, DataSink sink) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            byte[] data = files.get(uri);
            if (data == null) {
                done.completeExceptionally(new JpxeException(Errno.ENOENT, uri + ": 404 Not Found"));
                return;
            }
            try {
                sink.expectedSize(data.length);
                sink.write(0, ByteBuffer.wrap(data));
                done.complete((long) data.length);
            } catch (IOException e) {
                done.completeExceptionally(new JpxeException(Errno.EIO, e.getMessage()));
            }
        });
        return new Transfer() {
            @Override
            public CompletionStage<Long> completion() {
                return done;
            }

            @Override
            public void cancel(JpxeException reason) {
                done.completeExceptionally(reason);
            }
        };
    }
}
