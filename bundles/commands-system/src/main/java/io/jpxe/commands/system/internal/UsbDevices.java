package io.jpxe.commands.system.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The USB devices the Linux kernel knows, from {@code /sys/bus/usb/devices}, keyed by iPXE's
 * {@code busdev} number ({@code bus << 8 | address}, from each device's {@code busnum} and
 * {@code devnum} files). Interface entries (names with a colon) and entries whose numbers are missing,
 * unreadable or out of range are skipped. Root hubs ({@code usbN}) are devices to the kernel and are
 * listed too.
 */
final class UsbDevices {
    private UsbDevices() {
    }

    /** busdev → the device's sysfs directory, ascending by busdev. */
    static TreeMap<Integer, Path> list(Path devices) throws IOException {
        TreeMap<Integer, Path> found = new TreeMap<>();
        if (!Files.isDirectory(devices)) {
            return found;
        }
        try (Stream<Path> entries = Files.list(devices)) {
            entries.filter(p -> p.getFileName().toString().indexOf(':') < 0)
                    .forEach(p -> busdev(p).ifPresent(busdev -> found.putIfAbsent(busdev, p)));
        }
        return found;
    }

    /** The first busdev at or after {@code start}, if any. */
    static Optional<Map.Entry<Integer, Path>> next(TreeMap<Integer, Path> devices, long start) {
        return start > 0xffff ? Optional.empty() : Optional.ofNullable(devices.ceilingEntry((int) start));
    }

    private static Optional<Integer> busdev(Path device) {
        Optional<Integer> bus = number(device.resolve("busnum"));
        Optional<Integer> address = number(device.resolve("devnum"));
        if (bus.isEmpty() || address.isEmpty() || bus.get() > 0xff || address.get() > 0xff) {
            return Optional.empty();
        }
        return Optional.of(bus.get() << 8 | address.get());
    }

    /** A decimal sysfs attribute such as {@code busnum}; empty when absent or not a number. */
    private static Optional<Integer> number(Path file) {
        try {
            return Optional.of(Integer.parseInt(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
