package io.jpxe.boot.linux;

/** C's {@code strtoul} as iPXE's command-line options rely on it. Stateless. */
final class CNumbers {
    private CNumbers() {
    }

    /**
     * Reads an unsigned long in {@code base} from the start of {@code text} as {@code strtoul} does:
     * leading white space and one sign are skipped, reading stops at the first non-digit, no digit
     * gives 0, a minus sign negates (modulo 2^64), an overflow gives the maximum.
     */
    static long strtoul(String text, int base) {
        int i = 0;
        while (i < text.length() && InitrdName.isCSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        boolean overflow = false;
        int start = i;
        for (; i < text.length(); i++) {
            int digit = Character.digit(text.charAt(i), base);
            if (digit < 0 || text.charAt(i) > 0x7f) {
                break;
            }
            long next = value * base + digit;
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, base)) > 0) {
                overflow = true;
            }
            value = next;
        }
        if (i == start) {
            return 0;
        }
        if (overflow) {
            return -1L; // ULONG_MAX
        }
        return negative ? -value : value;
    }
}
