package io.jpxe.proto.dhcp.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * DHCP options as tag → value, in first-seen order. Repeated tags are concatenated (RFC 3396), so
 * long options split over several instances read back whole. Immutable once built.
 */
final class DhcpOptions {
    static final int PAD = 0;
    static final int END = 255;

    private final Map<Integer, byte[]> values;

    private DhcpOptions(Map<Integer, byte[]> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    static DhcpOptions empty() {
        return new DhcpOptions(new LinkedHashMap<>());
    }

    /** Builder input: options in sending order. */
    static DhcpOptions of(Map<Integer, byte[]> values) {
        return new DhcpOptions(new LinkedHashMap<>(values));
    }

    /**
     * Parses TLV areas in order (options field, then {@code file}, then {@code sname} when overloaded)
     * and merges them. Parsing an area stops at END; PAD is skipped.
     *
     * @throws DhcpFormatException when an option runs past its area
     */
    static DhcpOptions parse(String what, ByteBuffer... areas) throws DhcpFormatException {
        Map<Integer, ByteArrayOutputStream> merged = new LinkedHashMap<>();
        for (ByteBuffer area : areas) {
            parseArea(what, area.duplicate(), merged);
        }
        Map<Integer, byte[]> values = new LinkedHashMap<>();
        merged.forEach((tag, bytes) -> values.put(tag, bytes.toByteArray()));
        return new DhcpOptions(values);
    }

    private static void parseArea(String what, ByteBuffer b, Map<Integer, ByteArrayOutputStream> into)
            throws DhcpFormatException {
        while (b.hasRemaining()) {
            int tag = Byte.toUnsignedInt(b.get());
            if (tag == PAD) {
                continue;
            }
            if (tag == END) {
                return;
            }
            if (!b.hasRemaining()) {
                throw new DhcpFormatException(what + ": option " + tag + " has no length byte");
            }
            int length = Byte.toUnsignedInt(b.get());
            if (length > b.remaining()) {
                throw new DhcpFormatException(what + ": option " + tag + " claims " + length + " bytes but only "
                        + b.remaining() + " remain");
            }
            byte[] value = new byte[length];
            b.get(value);
            into.computeIfAbsent(tag, t -> new ByteArrayOutputStream()).writeBytes(value);
        }
    }

    Optional<byte[]> get(int tag) {
        byte[] v = values.get(tag);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    boolean has(int tag) {
        return values.containsKey(tag);
    }

    /** Sub-option {@code sub} of encapsulated option {@code tag} (iPXE's {@code N.M} settings). */
    Optional<byte[]> encapsulated(int tag, int sub) {
        byte[] outer = values.get(tag);
        if (outer == null) {
            return Optional.empty();
        }
        try {
            return parse("option " + tag, ByteBuffer.wrap(outer)).get(sub);
        } catch (DhcpFormatException e) {
            return Optional.empty(); // a malformed encapsulation simply holds no sub-options
        }
    }

    /** A one-byte option as an unsigned value. */
    Optional<Integer> uint8(int tag) {
        byte[] v = values.get(tag);
        return v == null || v.length != 1 ? Optional.empty() : Optional.of(Byte.toUnsignedInt(v[0]));
    }

    /** A four-byte option (an IPv4 address or a 32-bit number). */
    Optional<byte[]> four(int tag) {
        byte[] v = values.get(tag);
        return v == null || v.length < 4 ? Optional.empty() : Optional.of(java.util.Arrays.copyOf(v, 4));
    }

    Map<Integer, byte[]> asMap() {
        return values;
    }

    /** Encodes every option (splitting values over 255 bytes, RFC 3396) followed by END. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        values.forEach((tag, value) -> {
            int offset = 0;
            do {
                int chunk = Math.min(255, value.length - offset);
                out.write(tag);
                out.write(chunk);
                out.write(value, offset, chunk);
                offset += chunk;
            } while (offset < value.length);
        });
        out.write(END);
        return out.toByteArray();
    }

    /** Encodes a TLV list without END, for encapsulated options such as 175. */
    static byte[] encapsulate(Map<Integer, byte[]> subOptions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        subOptions.forEach((tag, value) -> {
            out.write(tag);
            out.write(value.length);
            out.write(value, 0, value.length);
        });
        return out.toByteArray();
    }
}
