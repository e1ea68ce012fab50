package io.jpxe.api.uri;

import java.util.concurrent.CompletionStage;

/**
 * One transfer started by {@link UriOpener#open}.
 *
 * <p>{@link #completion()} completes normally with the number of bytes received when the file is
 * complete, or exceptionally with an {@link io.jpxe.api.JpxeException} saying what failed (the URI,
 * the server's error, the packet). It completes on the opener's I/O thread: dependants must not
 * block there.
 */
public interface Transfer {

    /** Completes when the transfer ends, successfully or not. */
    CompletionStage<Long> completion();

    /**
     * Aborts the transfer (Ctrl-C, idle timeout): the opener tells the server where the protocol
     * allows it, releases its resources and completes {@link #completion()} exceptionally with
     * {@code reason}. Idempotent; callable from any thread.
     */
    void cancel(io.jpxe.api.JpxeException reason);
}
