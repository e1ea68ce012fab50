package io.jpxe.settings.internal;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * iPXE's {@code ipv6}: RFC 4291 text with at most one {@code ::} (no dotted IPv4 tail, at most four
 * hex digits per group); formatted RFC 5952 style (lower case, the longest run of two or more zero
 * groups, leftmost on ties, written as {@code ::}).
 */
final class Ipv6Type implements SettingType {

    @Override
    public String name() {
        return "ipv6";
    }

    @Override
    public byte[] parse(String text) throws JpxeException {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw SettingType.invalid(this, text);
        }
        int[] head = groups(gap < 0 ? text : text.substring(0, gap), text);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), text);
        int total = head.length + tail.length;
        if (gap < 0 ? total != 8 : total > 7) {
            throw SettingType.invalid(this, text);
        }
        byte[] raw = new byte[16];
        for (int i = 0; i < head.length; i++) {
            raw[2 * i] = (byte) (head[i] >> 8);
            raw[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            int slot = 8 - tail.length + i;
            raw[2 * slot] = (byte) (tail[i] >> 8);
            raw[2 * slot + 1] = (byte) tail[i];
        }
        return raw;
    }

    private int[] groups(String part, String whole) throws JpxeException {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] words = part.split(":", -1);
        int[] values = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty() || w.length() > 4) {
                throw SettingType.invalid(this, whole);
            }
            for (int j = 0; j < w.length(); j++) {
                if (Character.digit(w.charAt(j), 16) < 0 || w.charAt(j) > 0x7f) {
                    throw SettingType.invalid(this, whole);
                }
            }
            values[i] = Integer.parseInt(w, 16);
        }
        return values;
    }

    @Override
    public String format(byte[] raw) throws JpxeException {
        if (raw.length < 16) {
            throw new JpxeException(Errno.EINVAL, raw.length + " bytes are too short for an ipv6 address");
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (raw[2 * i] & 0xff) << 8 | (raw[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(words[i]));
        }
        return sb.toString();
    }
}
