package io.jpxe.settings.internal;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * iPXE's {@code uuid} and {@code guid}: 16 bytes written {@code 8-4-4-4-12} in lower case. Parsing
 * takes 32 hex digits with an optional {@code -} between any two bytes. A {@code guid} stores its
 * first three fields little-endian, so they are byte-swapped both ways.
 */
final class UuidType implements SettingType {
    private final boolean guid;

    UuidType(boolean guid) {
        this.guid = guid;
    }

    @Override
    public String name() {
        return guid ? "guid" : "uuid";
    }

    @Override
    public byte[] parse(String text) throws JpxeException {
        byte[] raw = HexType.decode(text, '-', true);
        if (raw == null || raw.length != 16) {
            throw SettingType.invalid(this, text);
        }
        return guid ? swap(raw) : raw;
    }

    @Override
    public String format(byte[] raw) throws JpxeException {
        if (raw.length != 16) {
            throw new JpxeException(Errno.ERANGE, raw.length + " bytes are not a 16-byte " + name());
        }
        String hex = CText.hex(guid ? swap(raw) : raw, (char) 0);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    private static byte[] swap(byte[] raw) {
        byte[] swapped = raw.clone();
        reverse(swapped, 0, 4);
        reverse(swapped, 4, 2);
        reverse(swapped, 6, 2);
        return swapped;
    }

    private static void reverse(byte[] b, int from, int length) {
        for (int i = 0; i < length / 2; i++) {
            byte t = b[from + i];
            b[from + i] = b[from + length - 1 - i];
            b[from + length - 1 - i] = t;
        }
    }
}
