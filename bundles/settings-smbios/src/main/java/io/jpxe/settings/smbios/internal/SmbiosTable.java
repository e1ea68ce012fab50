package io.jpxe.settings.smbios.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A parsed SMBIOS structure table (the kernel's {@code /sys/firmware/dmi/tables/DMI}) and its
 * version (from {@code smbios_entry_point}), with iPXE's lookups ({@code interface/smbios/smbios_settings.c}).
 * Malformed tables are read up to the first structure that does not fit. Immutable.
 */
final class SmbiosTable {
    /** Structure type 127 ends the table. */
    private static final int END_OF_TABLE = 127;

    private final List<Structure> structures;
    private final int version;

    private SmbiosTable(List<Structure> structures, int version) {
        this.structures = List.copyOf(structures);
        this.version = version;
    }

    /**
     * @param entryPoint the entry point structure ({@code _SM_} or {@code _SM3_}), or null if unknown
     * @param table      the structure table
     */
    static SmbiosTable parse(byte[] entryPoint, byte[] table) {
        List<Structure> found = new ArrayList<>();
        int offset = 0;
        while (offset + 4 <= table.length) {
            int type = table[offset] & 0xff;
            int length = table[offset + 1] & 0xff;
            if (length < 4 || offset + length > table.length) {
                break;
            }
            int strings = offset + length;
            int end = strings;
            // the string set ends with two NULs (just two NULs when it is empty)
            while (end + 1 < table.length && !(table[end] == 0 && table[end + 1] == 0)) {
                end++;
            }
            if (end + 1 >= table.length) {
                break;
            }
            found.add(new Structure(type, Arrays.copyOfRange(table, offset, offset + length),
                    splitStrings(Arrays.copyOfRange(table, strings, end))));
            offset = end + 2;
            if (type == END_OF_TABLE) {
                break;
            }
        }
        return new SmbiosTable(found, version(entryPoint));
    }

    /** {@code major << 8 | minor}, or 0 when the entry point is missing or unknown. */
    private static int version(byte[] ep) {
        if (ep == null) {
            return 0;
        }
        String anchor = new String(ep, 0, Math.min(5, ep.length), StandardCharsets.US_ASCII);
        if (anchor.startsWith("_SM3_") && ep.length > 8) {
            return (ep[7] & 0xff) << 8 | (ep[8] & 0xff);
        }
        if (anchor.startsWith("_SM_") && ep.length > 7) {
            return (ep[6] & 0xff) << 8 | (ep[7] & 0xff);
        }
        return 0;
    }

    private static List<String> splitStrings(byte[] set) {
        List<String> strings = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= set.length; i++) {
            if (i == set.length || set[i] == 0) {
                if (i > start) {
                    strings.add(new String(set, start, i - start, StandardCharsets.ISO_8859_1));
                }
                start = i + 1;
            }
        }
        return strings;
    }

    int version() {
        return version;
    }

    List<Structure> structures() {
        return structures;
    }

    /**
     * iPXE's SMBIOS tag lookup: the {@code instance}-th structure of {@code type}; with offset and
     * length both 0 the whole formatted area; with length 0 the string whose index is the byte at
     * {@code offset}; with offset 0 the string with index {@code length}; else the bytes. The system
     * UUID (type 1, offset 8, length 16) is byte-swapped to RFC 4122 order for SMBIOS 2.6 and later.
     *
     * @return the value and whether it is a string, or empty
     */
    Optional<Value> fetch(int instance, int type, int offset, int length) {
        Structure s = structures.stream().filter(x -> x.type() == type).skip(instance).findFirst().orElse(null);
        if (s == null) {
            return Optional.empty();
        }
        byte[] data = s.formatted();
        if (offset == 0 && length == 0) {
            return Optional.of(new Value(data.clone(), false));
        }
        if (length == 0 || offset == 0) {
            int index = length == 0 ? (offset < data.length ? data[offset] & 0xff : 0) : length;
            if (index == 0 || index > s.strings().size()) {
                return Optional.empty();
            }
            return Optional.of(new Value(s.strings().get(index - 1).getBytes(StandardCharsets.ISO_8859_1), true));
        }
        if (offset + length > data.length) {
            return Optional.empty();
        }
        byte[] bytes = Arrays.copyOfRange(data, offset, offset + length);
        if (type == 1 && offset == 8 && length == 16 && version >= 0x0206) {
            swap(bytes, 0, 4);
            swap(bytes, 4, 2);
            swap(bytes, 6, 2);
        }
        return Optional.of(new Value(bytes, false));
    }

    private static void swap(byte[] b, int from, int count) {
        for (int i = 0; i < count / 2; i++) {
            byte t = b[from + i];
            b[from + i] = b[from + count - 1 - i];
            b[from + count - 1 - i] = t;
        }
    }

    /** One structure: its type, formatted area (header included) and strings. */
    record Structure(int type, byte[] formatted, List<String> strings) {
    }

    /** A looked-up value; {@code string} when it came from the string set. */
    record Value(byte[] raw, boolean string) {
    }
}
