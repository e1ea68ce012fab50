package io.jpxe.proto.tftp.internal;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.Transfer;
import io.netty.channel.EventLoop;

/** The caller's handle on one multicast TFTP read: hands {@link #cancel} to its event loop. Thread-safe. */
final class MulticastTransfer implements Transfer {

    private final EventLoop loop;
    private final MulticastTransferHandler handler;

    MulticastTransfer(EventLoop loop, MulticastTransferHandler handler) {
        this.loop = loop;
        this.handler = handler;
    }

    @Override
    public CompletionStage<Long> completion() {
        return handler.completion().minimalCompletionStage();
    }

    @Override
    public void cancel(JpxeException reason) {
        JpxeException why = reason != null ? reason : new JpxeException(Errno.ECANCELED, "transfer cancelled");
        try {
            loop.execute(() -> handler.cancel(why));
        } catch (RejectedExecutionException loopStopped) {
            handler.completion().completeExceptionally(why);
        }
    }
}
