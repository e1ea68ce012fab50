package io.jpxe.settings.internal;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

import io.jpxe.api.JpxeException;

/**
 * iPXE's {@code base64}: the standard alphabet, whitespace ignored, at most two {@code =} which must
 * come last, and a bit count that is a whole number of bytes (so unpadded text only works when its
 * length is a multiple of four); formatted with padding.
 */
final class Base64Type implements SettingType {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    @Override
    public String name() {
        return "base64";
    }

    @Override
    public byte[] parse(String text) throws JpxeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 3 / 4);
        int accumulator = 0;
        int bits = 0;
        int totalBits = 0;
        int pads = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (CText.isSpace(c)) {
                continue;
            }
            if (c == '=') {
                if (pads >= 2) {
                    throw SettingType.invalid(this, text);
                }
                pads++;
                totalBits -= 2;
                continue;
            }
            int value = ALPHABET.indexOf(c);
            if (pads > 0 || value < 0) {
                throw SettingType.invalid(this, text);
            }
            accumulator = accumulator << 6 | value;
            bits += 6;
            totalBits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write(accumulator >> bits);
                accumulator &= (1 << bits) - 1;
            }
        }
        if (totalBits % 8 != 0) {
            throw SettingType.invalid(this, text);
        }
        byte[] decoded = out.toByteArray();
        int length = totalBits / 8;
        return length == decoded.length ? decoded : java.util.Arrays.copyOf(decoded, length);
    }

    @Override
    public String format(byte[] raw) {
        return Base64.getEncoder().encodeToString(raw);
    }
}
