package io.jpxe.settings.internal;

import java.io.ByteArrayOutputStream;

import io.jpxe.api.JpxeException;

/**
 * iPXE's {@code hex} ({@code aa:bb}), {@code hexhyp} ({@code aa-bb}) and {@code hexraw}
 * ({@code aabb}): pairs of hex digits (either case) with the separator between them; formatted in
 * lower case.
 */
final class HexType implements SettingType {
    private final String name;
    private final char separator;

    HexType(String name, char separator) {
        this.name = name;
        this.separator = separator;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] parse(String text) throws JpxeException {
        byte[] raw = decode(text, separator, false);
        if (raw == null) {
            throw SettingType.invalid(this, text);
        }
        return raw;
    }

    @Override
    public String format(byte[] raw) {
        return CText.hex(raw, separator);
    }

    /**
     * iPXE's {@code hex_decode}: pairs of hex digits, the separator (if not 0) required between
     * pairs unless {@code optionalSeparator}.
     *
     * @return the bytes, or {@code null} if the text is malformed
     */
    static byte[] decode(String text, char separator, boolean optionalSeparator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
        int i = 0;
        int count = 0;
        while (i < text.length()) {
            if (count > 0 && separator != 0) {
                if (text.charAt(i) == separator) {
                    i++;
                } else if (!optionalSeparator) {
                    return null;
                }
            }
            int high = i < text.length() ? Character.digit(text.charAt(i), 16) : -1;
            int low = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            if (high < 0 || low < 0 || text.charAt(i) > 0x7f || text.charAt(i + 1) > 0x7f) {
                return null;
            }
            out.write(high << 4 | low);
            count++;
            i += 2;
        }
        return out.toByteArray();
    }
}
