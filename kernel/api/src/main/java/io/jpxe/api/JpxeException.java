package io.jpxe.api;

/**
 * A failure a script can observe: the command fails with {@link #errno()}'s status.
 *
 * <p>The detail message says what was wrong and where (URI, packet, option); the script engine
 * prints it together with the script's URI and line number. Thread-safe once constructed.
 */
public class JpxeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Errno errno;

    public JpxeException(Errno errno, String message) {
        super(message);
        this.errno = errno;
    }

    public JpxeException(Errno errno, String message, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    /** The error class, which decides the command's status. */
    public Errno errno() {
        return errno;
    }

    /** The command status this failure maps to (negative). */
    public int status() {
        return errno.status();
    }

    /** The message and iPXE's text of the error, as printed to the console. */
    public String describe() {
        String m = getMessage();
        return (m == null || m.isEmpty()) ? errno.message() : m + ": " + errno.message();
    }
}
