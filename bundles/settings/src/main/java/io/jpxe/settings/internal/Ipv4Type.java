package io.jpxe.settings.internal;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * iPXE's {@code ipv4}: parsed by {@code inet_aton} (exactly four components, each
 * {@code strtoul(…, 0)} up to 255, so hex and octal parts are accepted); formatted as the dotted quad
 * of the first four bytes (multi-address options show only the first address).
 */
final class Ipv4Type implements SettingType {

    @Override
    public String name() {
        return "ipv4";
    }

    @Override
    public byte[] parse(String text) throws JpxeException {
        byte[] address = new byte[4];
        int position = 0;
        for (int i = 0; i < 4; i++) {
            CText.Parsed part = CText.strtoul(text, position, 0);
            if (part.end() == position || Long.compareUnsigned(part.value(), 0xff) > 0) {
                throw SettingType.invalid(this, text);
            }
            address[i] = (byte) part.value();
            boolean last = i == 3;
            if (last ? part.end() != text.length() : part.end() >= text.length() || text.charAt(part.end()) != '.') {
                throw SettingType.invalid(this, text);
            }
            position = part.end() + 1;
        }
        return address;
    }

    @Override
    public String format(byte[] raw) throws JpxeException {
        if (raw.length < 4) {
            throw new JpxeException(Errno.EINVAL, raw.length + " bytes are too short for an ipv4 address");
        }
        return (raw[0] & 0xff) + "." + (raw[1] & 0xff) + "." + (raw[2] & 0xff) + "." + (raw[3] & 0xff);
    }
}
