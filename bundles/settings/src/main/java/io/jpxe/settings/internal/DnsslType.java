package io.jpxe.settings.internal;

import java.nio.charset.StandardCharsets;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * iPXE's {@code dnssl}: an RFC 1035 encoded list of domain names (with compression pointers) shown
 * as the names separated by single spaces; it has no parser.
 */
final class DnsslType implements SettingType {
    private static final int MAX_POINTERS = 64;

    @Override
    public String name() {
        return "dnssl";
    }

    @Override
    public byte[] parse(String text) throws JpxeException {
        throw new JpxeException(Errno.ENOTSUP, "dnssl values cannot be stored");
    }

    @Override
    public String format(byte[] raw) throws JpxeException {
        StringBuilder names = new StringBuilder();
        int offset = 0;
        while (offset < raw.length) {
            StringBuilder name = new StringBuilder();
            offset = decodeName(raw, offset, name);
            if (names.length() > 0) {
                names.append(' ');
            }
            names.append(name);
        }
        return names.toString();
    }

    /** Decodes one name at {@code offset} into {@code name}; returns the offset after it. */
    private static int decodeName(byte[] raw, int offset, StringBuilder name) throws JpxeException {
        int next = -1;
        int pointers = 0;
        int position = offset;
        while (true) {
            if (position >= raw.length) {
                throw malformed();
            }
            int length = raw[position] & 0xff;
            if (length == 0) {
                return next < 0 ? position + 1 : next;
            }
            if ((length & 0xc0) == 0xc0) {
                if (position + 1 >= raw.length || ++pointers > MAX_POINTERS) {
                    throw malformed();
                }
                if (next < 0) {
                    next = position + 2;
                }
                position = (length & 0x3f) << 8 | (raw[position + 1] & 0xff);
                continue;
            }
            if (position + 1 + length > raw.length) {
                throw malformed();
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(raw, position + 1, length, StandardCharsets.UTF_8));
            position += 1 + length;
        }
    }

    private static JpxeException malformed() {
        return new JpxeException(Errno.EINVAL, "malformed DNS search list");
    }
}
