package io.jpxe.settings.smbios.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.SettingsBlock;

/**
 * The read-only {@code smbios} settings block (iPXE {@code smbios_settings.c}) over the machine's real
 * SMBIOS tables as Linux exports them ({@code /sys/firmware/dmi/tables}, readable by root): the named
 * settings {@code uuid}, {@code manufacturer}, {@code product}, {@code serial}, {@code board-serial},
 * {@code asset}, and {@code smbios/[instance.]type.offset.length} tags. Without tables (a container,
 * a non-root user, a machine without SMBIOS) every lookup is empty, so {@code ${uuid}} expands to "".
 *
 * <p>Our settings API does not tell a block whether a lookup was scoped to it, which iPXE uses to keep
 * DHCP option numbers such as {@code ${67}} out of SMBIOS; this block therefore answers tags only
 * when they name an offset or type ({@code tag >= 0x100}), and offsets past a structure are empty.
 *
 * <p>The tables are read once at activation; thread-safe.
 */
@Component(service = SettingsBlock.class)
public final class SmbiosSettings implements SettingsBlock {
    static final Path TABLES = Path.of("/sys/firmware/dmi/tables");

    /** Named settings: type, offset, length (0 = string index at offset), and their type. */
    private static final Map<String, int[]> NAMED = Map.of("uuid", new int[] { 1, 8, 16 }, "manufacturer",
            new int[] { 1, 4, 0 }, "product", new int[] { 1, 5, 0 }, "serial", new int[] { 1, 7, 0 },
            "board-serial", new int[] { 2, 7, 0 }, "asset", new int[] { 3, 8, 0 });
    private static final List<String> NAMES = List.of("uuid", "manufacturer", "product", "serial", "board-serial",
            "asset");

    private final Optional<SmbiosTable> table;

    public SmbiosSettings() {
        this(TABLES);
    }

    SmbiosSettings(Path tables) {
        this.table = load(tables);
    }

    private static Optional<SmbiosTable> load(Path tables) {
        try {
            byte[] dmi = Files.readAllBytes(tables.resolve("DMI"));
            byte[] entry = null;
            try {
                entry = Files.readAllBytes(tables.resolve("smbios_entry_point"));
            } catch (NoSuchFileException e) {
                // without the entry point the version is unknown: UUIDs stay as stored
            }
            return Optional.of(SmbiosTable.parse(entry, dmi));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Whether the machine's tables could be read. */
    boolean available() {
        return table.isPresent();
    }

    @Override
    public String path() {
        return "smbios";
    }

    @Override
    public int priority() {
        return -1;
    }

    /** Raw table tags mean nothing outside this block: unscoped lookups reach it by name only. */
    @Override
    public boolean scopedOnly() {
        return true;
    }

    @Override
    public Optional<Raw> fetch(String name, long tag) {
        if (table.isEmpty()) {
            return Optional.empty();
        }
        int[] named = NAMED.get(name);
        if (named != null) {
            return table.get().fetch(0, named[0], named[1], named[2])
                    .map(v -> new Raw(name.equals("uuid") ? "uuid" : "string", v.raw()));
        }
        if (tag < 0x100) {
            return Optional.empty();
        }
        return table.get().fetch((int) (tag >>> 24) & 0xff, (int) (tag >>> 16) & 0xff, (int) (tag >>> 8) & 0xff,
                (int) tag & 0xff).map(v -> new Raw(v.string() ? "string" : "hex", v.raw()));
    }

    @Override
    public List<SettingValue> list() {
        List<SettingValue> values = new ArrayList<>();
        for (String name : NAMES) {
            fetch(name, 0).ifPresent(raw -> values.add(new SettingValue(path(), name, 0, raw.type(), raw.raw(),
                    format(raw))));
        }
        return values;
    }

    private static String format(Raw raw) {
        if (raw.type().equals("string")) {
            return new String(raw.raw(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        byte[] b = raw.raw();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                s.append('-');
            }
            s.append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }
}
