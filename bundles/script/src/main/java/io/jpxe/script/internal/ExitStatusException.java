package io.jpxe.script.internal;

import io.jpxe.api.StatusException;

/**
 * A script that ended with a non-zero status, reported to whoever ran it (the parent's
 * {@code chain}). Its {@link #status()} is the script's own status, so {@code exit 3} in a child
 * makes the parent's {@code chain} fail with status 3, as in iPXE. The child already reported its
 * own failure; this only says which script failed.
 */
final class ExitStatusException extends StatusException {
    private static final long serialVersionUID = 1L;

    ExitStatusException(String script, int status) {
        super(status, status < 0 ? script + " failed" : script + " exited with status " + status);
    }
}
