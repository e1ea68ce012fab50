package io.jpxe.proto.dhcp.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One DHCPv6 message (RFC 8415 §8, §21): message type, 24-bit transaction id and options in the order
 * they came; repeated options are kept apart (several IA_NA, several IAADDR). Immutable; arrays are
 * copied on the way out.
 */
final class Dhcpv6Message {
    static final int SOLICIT = 1;
    static final int ADVERTISE = 2;
    static final int REQUEST = 3;
    static final int REPLY = 7;
    static final int INFORMATION_REQUEST = 11;
    static final int OPTION_CLIENTID = 1;
    static final int OPTION_SERVERID = 2;
    static final int OPTION_IA_NA = 3;
    static final int OPTION_IAADDR = 5;
    static final int OPTION_ORO = 6;
    static final int OPTION_PREFERENCE = 7;
    static final int OPTION_ELAPSED_TIME = 8;
    static final int OPTION_STATUS_CODE = 13;
    static final int OPTION_USER_CLASS = 15;
    static final int OPTION_VENDOR_CLASS = 16;
    static final int OPTION_DNS_SERVERS = 23;
    static final int OPTION_DOMAIN_LIST = 24;
    static final int OPTION_BOOTFILE_URL = 59;
    static final int OPTION_BOOTFILE_PARAM = 60;
    static final int OPTION_CLIENT_ARCH = 61;
    static final int OPTION_NII = 62;
    /** Status code 0: success (an absent status code means success too). */
    static final int STATUS_SUCCESS = 0;
    private static final int HEADER = 4;
    private static final int IA_NA_HEADER = 12;
    private static final int IAADDR_HEADER = 24;

    /** One option: its code and a copy of its value. */
    record Option(int code, byte[] value) {
        Option {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }

    /** An address of an IA_NA (RFC 8415 §21.6), with its lifetimes in seconds. */
    record IaAddress(byte[] address, long preferredLifetime, long validLifetime) {
    }

    private final int type;
    private final int xid;
    private final List<Option> options;

    Dhcpv6Message(int type, int xid, List<Option> options) {
        this.type = type;
        this.xid = xid & 0xFFFFFF;
        this.options = List.copyOf(options);
    }

    int type() {
        return type;
    }

    int xid() {
        return xid;
    }

    List<Option> options() {
        return options;
    }

    /** The first option {@code code}, if any. */
    Optional<byte[]> option(int code) {
        return options.stream().filter(o -> o.code() == code).findFirst().map(Option::value);
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(xid >> 16);
        out.write(xid >> 8);
        out.write(xid);
        out.writeBytes(encodeOptions(options));
        return out.toByteArray();
    }

    static byte[] encodeOptions(List<Option> list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Option o : list) {
            byte[] v = o.value();
            out.write(o.code() >> 8);
            out.write(o.code());
            out.write(v.length >> 8);
            out.write(v.length);
            out.writeBytes(v);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a message. Every length is checked against its container; nothing but
     * {@link DhcpFormatException} is thrown.
     */
    static Dhcpv6Message decode(ByteBuffer data) throws DhcpFormatException {
        ByteBuffer b = data.duplicate();
        if (b.remaining() < HEADER) {
            throw new DhcpFormatException("DHCPv6 message of " + b.remaining() + " bytes is shorter than its "
                    + HEADER + "-byte header");
        }
        int type = Byte.toUnsignedInt(b.get());
        int xid = (Byte.toUnsignedInt(b.get()) << 16) | (Byte.toUnsignedInt(b.get()) << 8) | Byte.toUnsignedInt(b.get());
        return new Dhcpv6Message(type, xid, decodeOptions("DHCPv6 message", b));
    }

    /** Options filling {@code b} exactly (RFC 8415 §21.1). */
    static List<Option> decodeOptions(String what, ByteBuffer b) throws DhcpFormatException {
        List<Option> list = new ArrayList<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 4) {
                throw new DhcpFormatException(what + ": " + b.remaining() + " stray bytes after the last option");
            }
            int code = Short.toUnsignedInt(b.getShort());
            int length = Short.toUnsignedInt(b.getShort());
            if (length > b.remaining()) {
                throw new DhcpFormatException(what + ": option " + code + " claims " + length + " bytes but only "
                        + b.remaining() + " remain");
            }
            byte[] value = new byte[length];
            b.get(value);
            list.add(new Option(code, value));
        }
        return list;
    }

    /**
     * The status code (RFC 8415 §21.13) among {@code list}: {@link #STATUS_SUCCESS} when absent, or
     * when too short to hold one (a malformed status does not make a failure up).
     */
    static int status(List<Option> list) {
        return list.stream().filter(o -> o.code() == OPTION_STATUS_CODE).findFirst().map(Option::value)
                .filter(v -> v.length >= 2).map(v -> ((v[0] & 0xFF) << 8) | (v[1] & 0xFF)).orElse(STATUS_SUCCESS);
    }

    int status() {
        return status(options);
    }

    /**
     * The addresses of the first IA_NA whose own status is success (RFC 8415 §21.4, §21.6). An IA_NA
     * or IAADDR too short for its header, or whose options do not parse, holds no address.
     */
    List<IaAddress> iaAddresses() {
        for (Option ia : options) {
            if (ia.code() != OPTION_IA_NA || ia.value().length < IA_NA_HEADER) {
                continue;
            }
            try {
                byte[] v = ia.value();
                List<Option> inner = decodeOptions("IA_NA", ByteBuffer.wrap(v, IA_NA_HEADER, v.length - IA_NA_HEADER));
                if (status(inner) != STATUS_SUCCESS) {
                    continue;
                }
                List<IaAddress> addresses = new ArrayList<>();
                for (Option o : inner) {
                    byte[] a = o.value();
                    if (o.code() == OPTION_IAADDR && a.length >= IAADDR_HEADER) {
                        ByteBuffer ab = ByteBuffer.wrap(a);
                        List<Option> addressOptions = decodeOptions("IAADDR",
                                ByteBuffer.wrap(a, IAADDR_HEADER, a.length - IAADDR_HEADER));
                        if (status(addressOptions) == STATUS_SUCCESS) {
                            addresses.add(new IaAddress(Arrays.copyOf(a, 16), Integer.toUnsignedLong(ab.getInt(16)),
                                    Integer.toUnsignedLong(ab.getInt(20))));
                        }
                    }
                }
                if (!addresses.isEmpty()) {
                    return addresses;
                }
            } catch (DhcpFormatException e) {
                // a malformed IA holds nothing usable; another IA may
            }
        }
        return List.of();
    }

    /** The server preference (RFC 8415 §21.8), 0 when absent. */
    int preference() {
        return option(OPTION_PREFERENCE).filter(v -> v.length == 1).map(v -> Byte.toUnsignedInt(v[0])).orElse(0);
    }

    /** Addresses in an option holding a list of 16-byte addresses (23); a ragged tail is dropped. */
    static List<byte[]> addresses(byte[] value) {
        List<byte[]> list = new ArrayList<>();
        for (int i = 0; i + 16 <= value.length; i += 16) {
            list.add(Arrays.copyOfRange(value, i, i + 16));
        }
        return list;
    }

    /**
     * Uncompressed DNS names one after the other (RFC 8415 §10, used by option 24 and NDP's DNSSL):
     * stops at the first malformed label or at zero padding, never throws.
     */
    static List<String> domainList(ByteBuffer b) {
        List<String> names = new ArrayList<>();
        ByteBuffer in = b.duplicate();
        StringBuilder name = new StringBuilder();
        while (in.hasRemaining()) {
            int length = Byte.toUnsignedInt(in.get());
            if (length == 0) {
                if (name.isEmpty()) {
                    break; // padding (DNSSL pads with zeros)
                }
                names.add(name.toString());
                name.setLength(0);
                continue;
            }
            if (length > 63 || length > in.remaining() || name.length() + length > 253) {
                break;
            }
            byte[] label = new byte[length];
            in.get(label);
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(new String(label, StandardCharsets.US_ASCII));
        }
        return names;
    }

    /** Encodes names for option 24 (each label length-prefixed, each name ended by a zero). */
    static byte[] encodeDomainList(List<String> names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String n : names) {
            for (String label : n.split("\\.")) {
                if (!label.isEmpty()) {
                    byte[] l = label.getBytes(StandardCharsets.US_ASCII);
                    out.write(l.length);
                    out.writeBytes(l);
                }
            }
            out.write(0);
        }
        return out.toByteArray();
    }
}
