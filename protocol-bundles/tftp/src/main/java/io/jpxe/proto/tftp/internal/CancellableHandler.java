package io.jpxe.proto.tftp.internal;

import java.util.concurrent.CompletableFuture;

import io.jpxe.api.JpxeException;

/** A transfer's channel handler as its {@link TftpTransfer} handle sees it; both methods run on its event loop. */
interface CancellableHandler {

    /** Completed with the byte count, or exceptionally. */
    CompletableFuture<Long> completion();

    /** Stops the transfer with {@code reason}; called on the handler's event loop. */
    void cancel(JpxeException reason);
}
