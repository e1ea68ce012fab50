package io.jpxe.settings.internal;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * iPXE's {@code busdevfn}: a big-endian PCI address formatted {@code ssss:bb:dd.f}; it has no parser.
 */
final class BusDevFnType implements SettingType {
    private final NumericType number = new NumericType("busdevfn", 4, false);

    @Override
    public String name() {
        return "busdevfn";
    }

    @Override
    public byte[] parse(String text) throws JpxeException {
        throw new JpxeException(Errno.ENOTSUP, "busdevfn values cannot be stored");
    }

    @Override
    public String format(byte[] raw) throws JpxeException {
        long value = number.numerate(raw);
        return String.format("%04x:%02x:%02x.%x", (value >> 16) & 0xffff, (value >> 8) & 0xff, (value >> 3) & 0x1f,
                value & 0x7);
    }
}
