package io.jpxe.proto.tftp.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.Transfer;

/**
 * A transfer that starts a second one when the first fails in one expected way (PXE MTFTP with no
 * MTFTP server: plain TFTP instead). Any other outcome of the first is the outcome. Cancelling
 * cancels whichever runs. Thread-safe.
 */
final class FallbackTransfer implements Transfer {

    /** Starts the second transfer. */
    interface Fallback {
        Transfer open() throws JpxeException;
    }

    private final CompletableFuture<Long> completion = new CompletableFuture<>();
    private volatile Transfer current;
    private volatile JpxeException cancelled;

    FallbackTransfer(Transfer first, Class<? extends JpxeException> trigger, Fallback fallback) {
        current = first;
        first.completion().whenComplete((size, failure) -> {
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            if (failure == null || !trigger.isInstance(cause) || cancelled != null) {
                complete(size, cancelled != null && failure != null ? cancelled : cause);
                return;
            }
            try {
                Transfer second = fallback.open();
                current = second;
                if (cancelled != null) {
                    second.cancel(cancelled);
                }
                second.completion().whenComplete(this::complete);
            } catch (JpxeException e) {
                completion.completeExceptionally(e);
            }
        });
    }

    private void complete(Long size, Throwable failure) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        if (cause == null) {
            completion.complete(size);
        } else {
            completion.completeExceptionally(cause);
        }
    }

    @Override
    public CompletionStage<Long> completion() {
        return completion.minimalCompletionStage();
    }

    @Override
    public void cancel(JpxeException reason) {
        cancelled = reason;
        current.cancel(reason);
    }
}
