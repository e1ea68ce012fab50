package io.jpxe.launcher;

/** A launcher failure with the message to print and the exit status to use. */
final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitStatus;

    LaunchException(String message) {
        this(message, 1, null);
    }

    LaunchException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    LaunchException(String message, int exitStatus, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    int exitStatus() {
        return exitStatus;
    }
}
