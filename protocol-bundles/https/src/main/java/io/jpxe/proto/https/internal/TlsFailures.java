package io.jpxe.proto.https.internal;

import java.net.URI;
import java.nio.channels.ClosedChannelException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

/** Turns TLS failures into messages a user can act on; each starts with the URI. */
final class TlsFailures {

    private TlsFailures() {
    }

    /** A failed handshake with {@code host}. */
    static JpxeException handshake(URI uri, String host, Throwable cause) {
        UntrustedCertificate untrusted = find(cause, UntrustedCertificate.class);
        if (untrusted != null) {
            return new JpxeException(untrusted.errno(), uri + ": " + untrusted.getMessage(), cause);
        }
        if (cause instanceof SslHandshakeTimeoutException) {
            return new JpxeException(Errno.ETIMEDOUT, uri + ": the TLS handshake with " + host + " timed out", cause);
        }
        if (find(cause, ClosedChannelException.class) != null || String.valueOf(cause.getMessage()).contains("closed")) {
            return new JpxeException(Errno.ECONNRESET, uri + ": the TLS handshake with " + host
                    + " broke off: the server closed the connection (truncated handshake)", cause);
        }
        String message = String.valueOf(cause.getMessage());
        if (message.contains("protocol_version") || message.contains("No appropriate protocol")) {
            return new JpxeException(Errno.ENOTSUP, uri + ": " + host + " speaks neither TLS 1.2 nor TLS 1.3", cause);
        }
        if (message.contains("certificate_required")) {
            return new JpxeException(Errno.EACCES, uri + ": " + host + " wants a client certificate:"
                    + " set ${cert} and ${privkey}", cause);
        }
        if (message.contains("Received fatal alert: bad_certificate") || message.contains("Received fatal alert: unknown_ca")
                || message.contains("Received fatal alert: certificate_unknown")) {
            return new JpxeException(Errno.EACCES, uri + ": " + host + " refused the client certificate of ${cert} ("
                    + message.substring(message.indexOf("alert: ") + 7) + ")", cause);
        }
        if (message.contains("handshake_failure") || message.contains("no cipher suites")) {
            return new JpxeException(Errno.ENOTSUP, uri + ": " + host + " and jPXE share no TLS cipher suite", cause);
        }
        if (cause instanceof SSLHandshakeException || cause instanceof SSLException) {
            return new JpxeException(Errno.EPROTO, uri + ": TLS handshake with " + host + " failed: " + message, cause);
        }
        return new JpxeException(Errno.EIO, uri + ": TLS handshake with " + host + " failed: " + message, cause);
    }

    /** A failure on an established TLS connection; null when it is not TLS's. */
    static JpxeException established(URI uri, Throwable cause) {
        SSLException ssl = find(cause, SSLException.class);
        if (ssl == null) {
            return null;
        }
        return new JpxeException(Errno.EPROTO, uri + ": the TLS stream broke (" + ssl.getMessage()
                + "): truncated or tampered with", cause);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
