package io.jpxe.api;

/**
 * The error classes a jPXE command can fail with, named after the POSIX codes iPXE uses.
 *
 * <p>A failing command's status is the negated {@link #code()}, as in iPXE, where a status is
 * zero for success and a negative error otherwise; {@code exit N} yields the positive {@code N}.
 * The {@link #message()} is iPXE's text for the error.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    EIO(5, "Input/output error"),
    E2BIG(7, "Argument list too long"),
    ENOEXEC(8, "Exec format error"),
    EBADF(9, "Bad file descriptor"),
    ENOMEM(12, "Not enough space"),
    EACCES(13, "Permission denied"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    ENODEV(19, "No such device"),
    ENOTDIR(20, "Not a directory"),
    EINVAL(22, "Invalid argument"),
    ENOTTY(25, "Inappropriate I/O control operation"),
    EFBIG(27, "File too large"),
    ENOSPC(28, "No space left on device"),
    ERANGE(34, "Result too large"),
    ENOSYS(38, "Function not implemented"),
    ENOTSUP(95, "Operation not supported"),
    EPROTO(71, "Protocol error"),
    EMSGSIZE(90, "Message too long"),
    EADDRNOTAVAIL(99, "Address not available"),
    ENETUNREACH(101, "Network unreachable"),
    ECONNABORTED(103, "Connection aborted"),
    ECONNRESET(104, "Connection reset"),
    ENOTCONN(107, "The socket is not connected"),
    ETIMEDOUT(110, "Connection timed out"),
    ECONNREFUSED(111, "Connection refused"),
    EHOSTUNREACH(113, "Host is unreachable"),
    EALREADY(114, "Connection already in progress"),
    EINPROGRESS(115, "Operation in progress"),
    ECANCELED(125, "Operation canceled");

    private final int code;
    private final String message;

    Errno(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The POSIX error number (positive). */
    public int code() {
        return code;
    }

    /** iPXE's human-readable text for this error. */
    public String message() {
        return message;
    }

    /** The command status for this error: the negated code. */
    public int status() {
        return -code;
    }

    /** The error whose {@link #status()} equals {@code status}, or {@link #EIO} when none does. */
    public static Errno ofStatus(int status) {
        for (Errno e : values()) {
            if (e.status() == status) {
                return e;
            }
        }
        return EIO;
    }
}
