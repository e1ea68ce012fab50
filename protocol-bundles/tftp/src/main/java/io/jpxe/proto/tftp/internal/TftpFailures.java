package io.jpxe.proto.tftp.internal;

import java.net.URI;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * The {@link JpxeException}s a TFTP transfer ends with. Messages start with the URI and never
 * repeat the errno's own text, which {@link JpxeException#describe()} appends.
 */
final class TftpFailures {

    private static final int MAX_SERVER_TEXT = 200;

    private TftpFailures() {
    }

    /**
     * An ERROR packet from the server, mapped as iPXE does: 1 → ENOENT, 2 → EACCES, 4 → ENOTTY,
     * anything else → EIO. The server's text is quoted, cleaned of control characters.
     */
    static JpxeException serverError(URI uri, TftpPacket.Error error) {
        Errno errno = switch (error.code()) {
            case TftpPacket.ERROR_FILE_NOT_FOUND -> Errno.ENOENT;
            case TftpPacket.ERROR_ACCESS_VIOLATION -> Errno.EACCES;
            case TftpPacket.ERROR_ILLEGAL_OPERATION -> Errno.ENOTTY;
            default -> Errno.EIO;
        };
        String text = printable(error.message());
        return new JpxeException(errno, uri + ": TFTP error " + error.code() + (text.isEmpty() ? "" : " (" + text + ")"));
    }

    /** The server sent something RFC 1350/2347 does not allow. */
    static JpxeException protocol(URI uri, String what) {
        return new JpxeException(Errno.EPROTO, uri + ": " + what);
    }

    /** No answer within the retry budget. */
    static JpxeException timeout(URI uri, String awaited, Throwable lastSendFailure) {
        String detail = lastSendFailure == null ? "" : " (last send failed: " + lastSendFailure.getMessage() + ")";
        return new JpxeException(Errno.ETIMEDOUT, uri + ": no reply while waiting for " + awaited + detail,
                lastSendFailure);
    }

    static JpxeException io(URI uri, String what, Throwable cause) {
        return new JpxeException(Errno.EIO, uri + ": " + what
                + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }

    private static String printable(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_SERVER_TEXT));
        text.codePoints().limit(MAX_SERVER_TEXT)
                .forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString().strip();
    }
}
