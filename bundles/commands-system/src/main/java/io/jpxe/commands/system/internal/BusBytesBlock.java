package io.jpxe.commands.system.internal;

import java.util.List;
import java.util.Optional;

import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.SettingsBlock;

/**
 * A read-only block of a bus's raw device bytes ({@code pci}, {@code usb}), addressed only by tag:
 * {@code address << 16 | offset << 8 | length}. The bytes are little-endian on the bus and given
 * reversed, typed {@code hexraw}, as iPXE does; anything unreadable gives an empty value. Subclasses
 * only read the bytes. Thread-safe when {@link #read} is.
 */
abstract class BusBytesBlock implements SettingsBlock {
    private final String path;

    BusBytesBlock(String path) {
        this.path = path;
    }

    /** Exactly {@code length} bytes at {@code offset} of the device at {@code address}, or empty. */
    abstract Optional<byte[]> read(int address, int offset, int length);

    @Override
    public final String path() {
        return path;
    }

    @Override
    public final int priority() {
        return -1;
    }

    /** Raw table tags mean nothing outside this block: unscoped lookups reach it by name only. */
    @Override
    public final boolean scopedOnly() {
        return true;
    }

    @Override
    public final Optional<Raw> fetch(String name, long tag) {
        int address = (int) (tag >>> 16 & 0xffff);
        int offset = (int) (tag >>> 8 & 0xff);
        int length = (int) (tag & 0xff);
        if (tag == 0 || length == 0) {
            return Optional.empty();
        }
        return read(address, offset, length).filter(bytes -> bytes.length == length).map(bytes -> {
            for (int i = 0; i < length / 2; i++) {
                byte t = bytes[i];
                bytes[i] = bytes[length - 1 - i];
                bytes[length - 1 - i] = t;
            }
            return new Raw("hexraw", bytes);
        });
    }

    /** Device bytes are not listed: they are addressed by tag only. */
    @Override
    public final List<SettingValue> list() {
        return List.of();
    }
}
