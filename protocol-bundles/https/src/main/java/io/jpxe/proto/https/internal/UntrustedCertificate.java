package io.jpxe.proto.https.internal;

import java.security.cert.CertificateException;

import io.jpxe.api.Errno;

/**
 * Why a server's certificate was refused, worded for the user; thrown from the trust manager so
 * it travels inside the handshake failure to {@link TlsFailures}.
 */
final class UntrustedCertificate extends CertificateException {
    private static final long serialVersionUID = 1L;

    /** The kinds users must be able to tell apart. */
    enum Kind { EXPIRED, NOT_YET_VALID, CLOCK, WRONG_HOST, UNKNOWN_CA, BAD_TRUST_SETTING }

    private final Kind kind;

    UntrustedCertificate(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    Errno errno() {
        return kind == Kind.BAD_TRUST_SETTING ? Errno.EINVAL : Errno.EACCES;
    }
}
