package io.jpxe.script.internal;

import io.jpxe.api.Errno;
import io.jpxe.api.StatusException;

/**
 * A failure that is an answer rather than an error ({@code isset}, {@code iseq} saying "no"): it
 * sets the status and {@code ${errno}} but prints nothing, as in iPXE.
 */
final class QuietFailure extends StatusException {
    private static final long serialVersionUID = 1L;

    QuietFailure(Errno errno, String message) {
        super(errno.status(), message);
    }
}
