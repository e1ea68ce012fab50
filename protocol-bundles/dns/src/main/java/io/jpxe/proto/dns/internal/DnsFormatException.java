package io.jpxe.proto.dns.internal;

/** A DNS message that does not decode; the message says why. */
final class DnsFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    DnsFormatException(String message) {
        super(message);
    }
}
