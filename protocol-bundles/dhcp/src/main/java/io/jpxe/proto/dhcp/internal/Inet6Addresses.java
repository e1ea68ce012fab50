package io.jpxe.proto.dhcp.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The kernel's IPv6 addresses with their flags, from {@code /proc/net/if_inet6} (address, ifindex,
 * prefix length, scope, flags, name; all hex). Java's {@code NetworkInterface} hides the tentative
 * flag, and only a non-tentative address can be bound (duplicate address detection takes a second
 * after the link goes up). Stateless.
 */
final class Inet6Addresses {
    static final Path PROC = Path.of("/proc/net/if_inet6");
    private static final int IFA_F_TENTATIVE = 0x40;
    private static final int IFA_F_DADFAILED = 0x08;
    private static final int IFA_F_OPTIMISTIC = 0x04;
    private static final int SCOPE_LINK = 0x20;
    private static final int IFA_F_PERMANENT = 0x80;

    /** One address of an interface. */
    record Entry(byte[] address, int prefixLength, int scope, int flags) {
        boolean linkLocal() {
            return scope == SCOPE_LINK;
        }

        /**
         * Made by the kernel from a router advertisement (SLAAC addresses carry lifetimes; addresses
         * added by hand or by the DHCPv6 lease are permanent).
         */
        boolean autoconfigured() {
            return (flags & IFA_F_PERMANENT) == 0;
        }

        /**
         * Usable as a source: duplicate address detection has finished and succeeded, or is running
         * optimistically (RFC 4429), which lets the address be bound at once.
         */
        boolean usable() {
            return (flags & IFA_F_DADFAILED) == 0
                    && ((flags & IFA_F_TENTATIVE) == 0 || (flags & IFA_F_OPTIMISTIC) != 0);
        }
    }

    private Inet6Addresses() {
    }

    /** The addresses of {@code ifname}; none when the file is missing (no IPv6 in this kernel). */
    static List<Entry> of(Path file, String ifname) {
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 6 && f[5].equals(ifname) && f[0].length() == 32) {
                    entries.add(new Entry(HexFormat.of().parseHex(f[0]), Integer.parseInt(f[2], 16),
                            Integer.parseInt(f[3], 16), Integer.parseInt(f[4], 16)));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // no IPv6, or a line this parser does not know: nothing usable from it
        }
        return entries;
    }

    /** Whether {@code address} lies in {@code prefix/length}. */
    static boolean inPrefix(byte[] address, byte[] prefix, int length) {
        for (int bit = 0; bit < length && bit < 128; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
