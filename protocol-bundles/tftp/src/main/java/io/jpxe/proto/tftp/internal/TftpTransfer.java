package io.jpxe.proto.tftp.internal;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.Transfer;
import io.netty.channel.EventLoop;

/**
 * The caller's handle on one TFTP read, unicast or multicast: hands {@link #cancel} over to the
 * transfer's event loop, where its handler lives. Thread-safe.
 */
final class TftpTransfer implements Transfer {

    private final EventLoop loop;
    private final CancellableHandler handler;

    TftpTransfer(EventLoop loop, CancellableHandler handler) {
        this.loop = loop;
        this.handler = handler;
    }

    @Override
    public CompletionStage<Long> completion() {
        // Callers may observe the future but not complete it.
        return handler.completion().minimalCompletionStage();
    }

    @Override
    public void cancel(JpxeException reason) {
        JpxeException why = reason != null ? reason : new JpxeException(Errno.ECANCELED, "transfer cancelled");
        try {
            loop.execute(() -> handler.cancel(why));
        } catch (RejectedExecutionException loopStopped) {
            // The runtime is gone and with it the channel: nothing left to tell or close.
            handler.completion().completeExceptionally(why);
        }
    }
}
