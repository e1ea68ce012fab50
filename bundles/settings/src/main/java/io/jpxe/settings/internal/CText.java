package io.jpxe.settings.internal;

/**
 * The C library text primitives iPXE's settings code is built on ({@code strtoul}, {@code isspace}),
 * reproduced exactly so that every setting parses as it does in iPXE.
 */
final class CText {

    private CText() {
    }

    /** The result of {@link #strtoul}: the value (64-bit, wrapping like C) and where parsing stopped. */
    record Parsed(long value, int end) {
    }

    /** C's {@code isspace} in the "C" locale. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    /**
     * iPXE's {@code strtoul(text + start, &end, base)}: leading whitespace, an optional sign, with
     * base 0 a {@code 0} (octal) or {@code 0x} (hex) prefix, then digits; never fails, {@code end}
     * says how far it got ({@code end == start} when nothing was consumed).
     */
    static Parsed strtoul(String text, int start, int base) {
        int i = start;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        boolean negate = false;
        if (i < n && text.charAt(i) == '+') {
            i++;
        } else if (i < n && text.charAt(i) == '-') {
            negate = true;
            i++;
        }
        if (base == 0) {
            base = 10;
            if (i < n && text.charAt(i) == '0') {
                i++;
                base = 8;
                if (i < n && (text.charAt(i) | 0x20) == 'x') {
                    i++;
                    base = 16;
                }
            }
        }
        long value = 0;
        while (i < n) {
            int digit = digitValue(text.charAt(i));
            if (digit >= base) {
                break;
            }
            value = value * base + digit;
            i++;
        }
        return new Parsed(negate ? -value : value, i);
    }

    /** iPXE's {@code digit_value}: 0-9, then a-z/A-Z as 10-35; anything else is "too big". */
    static int digitValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        return Integer.MAX_VALUE;
    }

    /** Lower-case hex of {@code raw} with {@code separator} between bytes (none when 0). */
    static String hex(byte[] raw, char separator) {
        StringBuilder sb = new StringBuilder(raw.length * 3);
        for (int i = 0; i < raw.length; i++) {
            if (i > 0 && separator != 0) {
                sb.append(separator);
            }
            sb.append(Character.forDigit((raw[i] >> 4) & 0xf, 16)).append(Character.forDigit(raw[i] & 0xf, 16));
        }
        return sb.toString();
    }
}
