package io.jpxe.nic.linux.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code /sys/class/net/<name>} says about one interface. Reads files only; a missing or
 * unreadable attribute reads as absent, never as an error (virtual interfaces lack most of them).
 *
 * @param name        the Linux name
 * @param index       the kernel's interface index
 * @param type        the ARPHRD type (1 = Ethernet, 772 = loopback)
 * @param mac         the hardware address
 * @param busType     {@code PCI}, {@code USB}... or empty
 * @param busLocation the device's bus address ({@code 0000:00:03.0}) or empty
 * @param vendor      PCI vendor id, or -1
 * @param device      PCI device id, or -1
 * @param driver      the kernel driver's name ({@code virtio_net}) or empty
 */
record SysfsInterface(String name, int index, int type, byte[] mac, String busType, String busLocation,
        int vendor, int device, String driver) {

    static final int ARPHRD_ETHER = 1;

    /** Interface names under {@code classNet}, in kernel index order. */
    static List<SysfsInterface> list(Path classNet) {
        List<SysfsInterface> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(classNet)) {
            entries.forEach(p -> read(classNet, p.getFileName().toString()).ifPresent(found::add));
        } catch (IOException e) {
            return List.of();
        }
        found.sort(java.util.Comparator.comparingInt(SysfsInterface::index));
        return found;
    }

    /** The interface {@code name}, if sysfs has it. */
    static Optional<SysfsInterface> read(Path classNet, String name) {
        Path dir = classNet.resolve(name);
        if (name.contains("/") || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        int index = (int) number(dir.resolve("ifindex"), 10).orElse(-1L).longValue();
        int type = (int) number(dir.resolve("type"), 10).orElse(-1L).longValue();
        byte[] mac = text(dir.resolve("address")).map(SysfsInterface::parseMac).orElse(new byte[0]);
        Path deviceLink = dir.resolve("device");
        String busType = "";
        String busLocation = "";
        int vendor = -1;
        int device = -1;
        String driver = "";
        if (Files.exists(deviceLink)) {
            busLocation = linkName(deviceLink).orElse("");
            busType = linkName(deviceLink.resolve("subsystem")).map(String::toUpperCase).orElse("");
            vendor = (int) number(deviceLink.resolve("vendor"), 16).orElse(-1L).longValue();
            device = (int) number(deviceLink.resolve("device"), 16).orElse(-1L).longValue();
            driver = linkName(deviceLink.resolve("driver")).orElse("");
        }
        return Optional.of(new SysfsInterface(name, index, type, mac, busType, busLocation, vendor, device, driver));
    }

    /** Current MTU, re-read each time (it may change). */
    static int mtu(Path classNet, String name) {
        return (int) number(classNet.resolve(name).resolve("mtu"), 10).orElse(1500L).longValue();
    }

    /** Whether the carrier is present (reading {@code carrier} fails while the link is down). */
    static boolean carrier(Path classNet, String name) {
        return number(classNet.resolve(name).resolve("carrier"), 10).orElse(0L) == 1L;
    }

    /** Whether the interface is administratively up ({@code IFF_UP} in {@code flags}). */
    static boolean administrativelyUp(Path classNet, String name) {
        return (number(classNet.resolve(name).resolve("flags"), 16).orElse(0L) & 1L) != 0;
    }

    /** A counter from {@code statistics/}. */
    static long statistic(Path classNet, String name, String counter) {
        return number(classNet.resolve(name).resolve("statistics").resolve(counter), 10).orElse(0L);
    }

    static byte[] parseMac(String text) {
        String[] parts = text.trim().split(":");
        byte[] mac = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                mac[i] = (byte) Integer.parseInt(parts[i], 16);
            } catch (NumberFormatException e) {
                return new byte[0];
            }
        }
        return mac;
    }

    private static Optional<Long> number(Path file, int radix) {
        return text(file).flatMap(t -> {
            String s = t.trim();
            if (radix == 16 && s.startsWith("0x")) {
                s = s.substring(2);
            }
            try {
                return Optional.of(Long.parseLong(s, radix));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<String> text(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> linkName(Path link) {
        try {
            return Optional.of(link.toRealPath().getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
