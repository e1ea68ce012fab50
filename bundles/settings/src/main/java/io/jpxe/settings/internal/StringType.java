package io.jpxe.settings.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * iPXE's {@code string} and {@code uristring} types. A string is its bytes (UTF-8 here), formatted up
 * to the first NUL; a uristring (every byte, NULs included) is stored URI-decoded and formatted URI-encoded with the escape set
 * of iPXE's {@code uri_encode} for field 0 (non-printables, space, {@code %}, {@code /#:@?=&}).
 */
final class StringType implements SettingType {
    private static final String URI_ESCAPED = "/#:@?=&";
    private final boolean uri;

    StringType(boolean uri) {
        this.uri = uri;
    }

    @Override
    public String name() {
        return uri ? "uristring" : "string";
    }

    @Override
    public byte[] parse(String text) {
        return uri ? uriDecode(text) : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String format(byte[] raw) {
        if (!uri) {
            int length = 0;
            while (length < raw.length && raw[length] != 0) {
                length++;
            }
            return new String(raw, 0, length, StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length; i++) {
            int b = raw[i] & 0xff;
            if (b <= ' ' || b >= 0x7f || b == '%' || URI_ESCAPED.indexOf(b) >= 0) {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            } else {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    /** iPXE's {@code uri_decode}: {@code %} then up to two hex digits; a {@code %} without them stays. */
    private static byte[] uriDecode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c == '%') {
                int value = 0;
                int digits = 0;
                while (digits < 2 && i + 1 + digits < bytes.length
                        && Character.digit((char) (bytes[i + 1 + digits] & 0xff), 16) >= 0) {
                    value = value * 16 + Character.digit((char) (bytes[i + 1 + digits] & 0xff), 16);
                    digits++;
                }
                if (digits > 0) {
                    c = value;
                    i += digits;
                }
            }
            out.write(c);
        }
        return out.toByteArray();
    }
}
