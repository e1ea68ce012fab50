package io.jpxe.script.internal;

/**
 * What all nested script and shell levels of one top-level run share: whether a boot executor has
 * ended everything ({@link io.jpxe.api.command.CommandContext#terminate}) and with which status.
 * Thread-safe.
 */
final class Session {
    private volatile boolean terminated;
    private volatile int terminateStatus;

    void terminate(int status) {
        terminateStatus = status;
        terminated = true;
    }

    boolean terminated() {
        return terminated;
    }

    int terminateStatus() {
        return terminateStatus;
    }
}
