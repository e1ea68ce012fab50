package io.jpxe.api;

/**
 * A failure that carries an exact status and needs no further report: {@code isset} answering
 * "no", or a chained script that ended with {@code exit N} or a failing line (it reported its own
 * error). Whoever catches it passes it on unchanged and prints nothing, so the parent's
 * {@code chain} fails with the child's own status, as in iPXE.
 */
public class StatusException extends JpxeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * @param status  the status to fail with: negative for an error, positive for {@code exit N}
     * @param message what happened, for logs and debuggers (never printed to the console)
     */
    public StatusException(int status, String message) {
        super(status < 0 ? Errno.ofStatus(status) : Errno.EIO, message);
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
