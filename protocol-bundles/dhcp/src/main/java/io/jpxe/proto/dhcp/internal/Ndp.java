package io.jpxe.proto.dhcp.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Router discovery frames (RFC 4861 §4.1, §4.2, §4.6; RDNSS and DNSSL from RFC 8106) as iPXE's
 * {@code net/ndp.c} exchanges them: a Router Solicitation from the unspecified address to all
 * routers, and the Router Advertisement that answers it. Stateless.
 */
final class Ndp {
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ICMPV6 = 58;
    static final int ROUTER_SOLICITATION = 133;
    static final int ROUTER_ADVERTISEMENT = 134;
    static final int OPTION_PREFIX = 3;
    static final int OPTION_RDNSS = 25;
    static final int OPTION_DNSSL = 31;
    static final int FLAG_MANAGED = 0x80;
    static final int FLAG_OTHER = 0x40;
    private static final byte[] ALL_ROUTERS = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    private static final int ETHERNET_HEADER = 14;
    private static final int IPV6_HEADER = 40;
    private static final int RA_HEADER = 16;

    /** One prefix information option. */
    record Prefix(byte[] prefix, int length, boolean onLink, boolean autonomous, long validLifetime) {
    }

    /**
     * A Router Advertisement.
     *
     * @param router         the router's (link-local) address, the default gateway
     * @param flags          M (0x80) and O (0x40)
     * @param routerLifetime seconds; 0 when the router is not a default router
     * @param prefixes       prefix information options
     * @param dnsServers     RDNSS addresses (16 bytes each)
     * @param searchList     DNSSL domains
     */
    record RouterAdvertisement(byte[] router, int flags, int routerLifetime, List<Prefix> prefixes,
            List<byte[]> dnsServers, List<String> searchList) {
        boolean managed() {
            return (flags & FLAG_MANAGED) != 0;
        }

        boolean other() {
            return (flags & FLAG_OTHER) != 0;
        }
    }

    private Ndp() {
    }

    /**
     * A Router Solicitation from {@code ::} (so no source link-layer option, RFC 4861 §4.1) to
     * ff02::2, which a router answers with a multicast advertisement. Needs no address of our own,
     * so it goes out while the link-local address is still in duplicate address detection.
     */
    static ByteBuffer routerSolicitation(byte[] mac) {
        byte[] icmp = new byte[8];
        icmp[0] = (byte) ROUTER_SOLICITATION;
        byte[] source = new byte[16];
        int checksum = UdpFrames.checksum(icmp, 0, icmp.length, pseudoHeaderSum(source, ALL_ROUTERS, icmp.length));
        icmp[2] = (byte) (checksum >> 8);
        icmp[3] = (byte) checksum;
        ByteBuffer b = ByteBuffer.allocate(ETHERNET_HEADER + IPV6_HEADER + icmp.length);
        b.put(multicastMac(ALL_ROUTERS)).put(mac).putShort((short) ETHERTYPE_IPV6);
        b.putInt(0x60000000).putShort((short) icmp.length).put((byte) ICMPV6).put((byte) 255)
                .put(source).put(ALL_ROUTERS).put(icmp);
        return b.flip();
    }

    /** 33:33 followed by the low 32 bits of the group (RFC 2464 §7). */
    static byte[] multicastMac(byte[] group) {
        return new byte[] {0x33, 0x33, group[12], group[13], group[14], group[15]};
    }

    /**
     * The Router Advertisement in {@code frame}, or {@code null} for anything else or anything
     * malformed: a hop limit other than 255, a truncated header, an option of length 0 or running past
     * the packet (RFC 4861 §6.1.2). Never throws.
     */
    static RouterAdvertisement parseRouterAdvertisement(ByteBuffer frame) {
        try {
            return parse(frame.duplicate());
        } catch (RuntimeException e) {
            return null; // defensive: any index surprise is a malformed packet, not a crash
        }
    }

    private static RouterAdvertisement parse(ByteBuffer b) {
        int base = b.position();
        int available = b.remaining();
        if (available < ETHERNET_HEADER + IPV6_HEADER + RA_HEADER
                || Short.toUnsignedInt(b.getShort(base + 12)) != ETHERTYPE_IPV6) {
            return null;
        }
        int ip = base + ETHERNET_HEADER;
        int payloadLength = Short.toUnsignedInt(b.getShort(ip + 4));
        if ((b.get(ip) & 0xF0) != 0x60 || Byte.toUnsignedInt(b.get(ip + 6)) != ICMPV6
                || Byte.toUnsignedInt(b.get(ip + 7)) != 255
                || payloadLength < RA_HEADER || payloadLength > available - ETHERNET_HEADER - IPV6_HEADER) {
            return null;
        }
        int icmp = ip + IPV6_HEADER;
        if (Byte.toUnsignedInt(b.get(icmp)) != ROUTER_ADVERTISEMENT || b.get(icmp + 1) != 0) {
            return null;
        }
        byte[] router = new byte[16];
        b.get(ip + 8, router);
        int flags = Byte.toUnsignedInt(b.get(icmp + 5));
        int lifetime = Short.toUnsignedInt(b.getShort(icmp + 6));
        List<Prefix> prefixes = new ArrayList<>();
        List<byte[]> dns = new ArrayList<>();
        List<String> search = new ArrayList<>();
        int end = icmp + payloadLength;
        int at = icmp + RA_HEADER;
        while (at + 2 <= end) {
            int type = Byte.toUnsignedInt(b.get(at));
            int length = Byte.toUnsignedInt(b.get(at + 1)) * 8;
            if (length == 0 || at + length > end) {
                return null;
            }
            switch (type) {
                case OPTION_PREFIX -> {
                    if (length == 32) {
                        int prefixFlags = Byte.toUnsignedInt(b.get(at + 3));
                        byte[] prefix = new byte[16];
                        b.get(at + 16, prefix);
                        prefixes.add(new Prefix(prefix, Math.min(128, Byte.toUnsignedInt(b.get(at + 2))),
                                (prefixFlags & 0x80) != 0, (prefixFlags & 0x40) != 0,
                                Integer.toUnsignedLong(b.getInt(at + 4))));
                    }
                }
                case OPTION_RDNSS -> {
                    for (int a = at + 8; a + 16 <= at + length; a += 16) {
                        byte[] server = new byte[16];
                        b.get(a, server);
                        dns.add(server);
                    }
                }
                case OPTION_DNSSL -> search.addAll(Dhcpv6Message.domainList(b.slice(at + 8, length - 8)));
                default -> {
                    // other options (MTU, source link-layer address...) are the kernel's business
                }
            }
            at += length;
        }
        return new RouterAdvertisement(router, flags, lifetime, List.copyOf(prefixes), List.copyOf(dns),
                List.copyOf(search));
    }

    /** The IPv6 pseudo-header sum (RFC 8200 §8.1) for an ICMPv6 message of {@code length} bytes. */
    static long pseudoHeaderSum(byte[] source, byte[] destination, int length) {
        long sum = 0;
        for (int i = 0; i < 16; i += 2) {
            sum += ((source[i] & 0xFF) << 8) | (source[i + 1] & 0xFF);
            sum += ((destination[i] & 0xFF) << 8) | (destination[i + 1] & 0xFF);
        }
        return sum + length + ICMPV6;
    }
}
