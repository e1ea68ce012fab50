package io.jpxe.commands.system.internal;

import java.util.Optional;

import io.jpxe.api.JpxeException;
import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.Settings;

/**
 * The setting a bus scan ({@code pciscan}, {@code usbscan}) iterates with: where the scan resumes
 * (one past the stored address, 0 when unset) and how the next address is stored (the type named
 * in the setting, else the type it already has, else the scan's default).
 */
final class ScanCursor {
    private final Settings settings;
    private final String name;
    private final String baseName;
    private final String explicitType;
    private final Optional<SettingValue> previous;

    ScanCursor(Settings settings, String name) {
        this.settings = settings;
        this.name = name;
        int colon = name.lastIndexOf(':');
        boolean typed = colon > name.lastIndexOf('/');
        this.baseName = typed ? name.substring(0, colon) : name;
        this.explicitType = typed ? name.substring(colon + 1) : null;
        this.previous = settings.fetchValue(name);
    }

    /** The first address the scan may return. */
    long start() {
        return previous.map(v -> unsigned(v.raw()) + 1).orElse(0L);
    }

    /** The type the next address is stored with, unless the name gives one. */
    Optional<String> previousType() {
        return previous.map(SettingValue::type);
    }

    /** Stores {@code address} with the setting's type ({@code defaultType} when it has none). */
    void store(long address, String defaultType) throws JpxeException {
        String type = explicitType != null ? explicitType : defaultType;
        int size = switch (type) {
            case "int8", "uint8" -> 1;
            case "int16", "uint16" -> 2;
            default -> 4;
        };
        byte[] raw = new byte[size];
        long value = address;
        for (int i = size - 1; i >= 0; i--, value >>= 8) {
            raw[i] = (byte) value;
        }
        try {
            settings.storeRaw(baseName, type, raw);
        } catch (JpxeException e) {
            throw new JpxeException(e.errno(), "Could not store \"" + name + "\" (" + e.getMessage() + ")", e);
        }
    }

    private static long unsigned(byte[] raw) {
        long value = 0;
        for (byte b : raw) {
            value = value << 8 | (b & 0xff);
        }
        return value & 0xFFFF_FFFFL;
    }
}
