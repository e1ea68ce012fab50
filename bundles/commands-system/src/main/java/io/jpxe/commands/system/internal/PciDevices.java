package io.jpxe.commands.system.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PCI functions the Linux kernel knows, from {@code /sys/bus/pci/devices} (entries named
 * {@code ssss:bb:dd.f}), as iPXE's {@code busdevfn} numbers: {@code seg<<16 | bus<<8 | dev<<3 | fn}.
 */
final class PciDevices {
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{4,8}):([0-9a-f]{2}):([0-9a-f]{2})\\.([0-7])");

    private PciDevices() {
    }

    /** Every function's busdevfn, ascending; names that are not PCI addresses are skipped. */
    static List<Long> list(Path devices) throws IOException {
        List<Long> found = new ArrayList<>();
        if (!Files.isDirectory(devices)) {
            return found;
        }
        try (Stream<Path> entries = Files.list(devices)) {
            entries.forEach(p -> parse(p.getFileName().toString()).ifPresent(found::add));
        }
        found.sort(null);
        return found;
    }

    /** The busdevfn of a sysfs name such as {@code 0000:00:1f.2}. */
    static OptionalLong parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long segment = Long.parseLong(m.group(1), 16);
        long bus = Long.parseLong(m.group(2), 16);
        long dev = Long.parseLong(m.group(3), 16);
        long fn = Long.parseLong(m.group(4));
        if (segment > 0xffff || dev > 0x1f) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(segment << 16 | bus << 8 | dev << 3 | fn);
    }

    /** The first function at or after {@code start}, if any. */
    static OptionalLong next(List<Long> sorted, long start) {
        for (long busdevfn : sorted) {
            if (busdevfn >= start) {
                return OptionalLong.of(busdevfn);
            }
        }
        return OptionalLong.empty();
    }
}
