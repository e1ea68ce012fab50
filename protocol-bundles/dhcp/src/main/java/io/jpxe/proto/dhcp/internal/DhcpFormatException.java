package io.jpxe.proto.dhcp.internal;

/** A DHCP packet or frame that does not parse; the message says what and where. */
final class DhcpFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    DhcpFormatException(String message) {
        super(message);
    }
}
