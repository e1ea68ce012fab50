package io.jpxe.settings.internal;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * iPXE's {@code int8/16/32} and {@code uint8/16/32}: parsed with {@code strtoul(text, 0)} over the
 * whole text and stored big-endian truncated to the width; formatted from however many bytes are
 * stored (sign-extended for signed types), signed types in decimal and unsigned ones as
 * {@code 0x}-prefixed lower-case hex (also {@code 0x0}).
 */
final class NumericType implements SettingType {
    private final String name;
    private final int width;
    private final boolean signed;

    NumericType(String name, int width, boolean signed) {
        this.name = name;
        this.width = width;
        this.signed = signed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] parse(String text) throws JpxeException {
        CText.Parsed parsed = CText.strtoul(text, 0, 0);
        if (parsed.end() != text.length()) {
            throw SettingType.invalid(this, text);
        }
        return encode(parsed.value());
    }

    /** The value truncated to this type's width, big-endian (iPXE's {@code denumerate}). */
    byte[] encode(long value) {
        byte[] raw = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            raw[i] = (byte) value;
            value >>= 8;
        }
        return raw;
    }

    @Override
    public String format(byte[] raw) throws JpxeException {
        long value = numerate(raw);
        return signed ? Long.toString(value) : "0x" + Long.toHexString(value);
    }

    /**
     * The stored number (iPXE's {@code numerate}): sign-extended for signed types; bytes beyond what
     * a {@code long} holds must be pure sign padding.
     *
     * @throws JpxeException {@code ERANGE} when the value does not fit
     */
    long numerate(byte[] raw) throws JpxeException {
        long pad = (signed && raw.length > 0 && raw[0] < 0) ? -1L : 0L;
        long value = pad;
        for (int i = 0; i < raw.length; i++) {
            if (raw.length - i > Long.BYTES && raw[i] != (byte) pad) {
                throw new JpxeException(Errno.ERANGE, raw.length + "-byte value does not fit " + name);
            }
            value = (value << 8) | (raw[i] & 0xff);
        }
        return value;
    }
}
