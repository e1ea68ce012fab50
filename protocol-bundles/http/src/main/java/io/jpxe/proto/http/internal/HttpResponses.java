package io.jpxe.proto.http.internal;

import java.time.Duration;
import java.util.Date;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpResponse;

/** Reading the parts of a response a fetch decides on: status failures, {@code Retry-After}, {@code Content-Range}. */
final class HttpResponses {

    private HttpResponses() {
    }

    /** Seconds or an HTTP date (RFC 9110 §10.2.3); {@code null} when absent or unreadable. */
    static Duration retryDelay(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit) && v.length() < 10) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        Date date = DateFormatter.parseHttpDate(v);
        if (date == null) {
            return null;
        }
        long millis = date.getTime() - System.currentTimeMillis();
        return Duration.ofMillis(Math.max(0, millis));
    }

    /** {@code bytes first-last/size} as {first, last, size}, size -1 for {@code *}; null when unreadable. */
    static long[] contentRange(String value) {
        if (value == null || !value.startsWith("bytes ")) {
            return null;
        }
        try {
            String spec = value.substring(6).strip();
            int dash = spec.indexOf('-');
            int slash = spec.indexOf('/');
            if (dash < 0 || slash < dash) {
                return null;
            }
            long first = Long.parseLong(spec.substring(0, dash));
            long last = Long.parseLong(spec.substring(dash + 1, slash));
            String size = spec.substring(slash + 1);
            long length = size.equals("*") ? -1 : Long.parseLong(size);
            return first <= last && (length < 0 || last < length) ? new long[] {first, last, length} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The failure for a final status jPXE does not handle, with iPXE's errno for it. */
    static JpxeException statusFailure(String shown, HttpResponse response) {
        int code = response.status().code();
        Errno errno = switch (code) {
            case 404, 410 -> Errno.ENOENT;
            case 403 -> Errno.EPERM;
            case 401, 407 -> Errno.EACCES;
            case 416 -> Errno.ERANGE;
            default -> Errno.EIO;
        };
        return new JpxeException(errno, shown + ": HTTP " + code + " " + response.status().reasonPhrase());
    }

}
