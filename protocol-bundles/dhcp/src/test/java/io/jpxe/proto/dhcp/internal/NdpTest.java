package io.jpxe.proto.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class NdpTest {
    private static final byte[] MAC = HexFormat.of().parseHex("525400123456");
    private static final byte[] ROUTER = HexFormat.of().parseHex("fe800000000000000000000000000001");

    /** A Router Advertisement frame from ROUTER with M and O, one /64 prefix, RDNSS and DNSSL. */
    static byte[] advertisement(int hopLimit) {
        ByteBuffer icmp = ByteBuffer.allocate(16 + 32 + 24 + 24);
        icmp.put((byte) 134).put((byte) 0).putShort((short) 0).put((byte) 64).put((byte) 0xC0).putShort((short) 1800)
                .putInt(0).putInt(0);
        icmp.put((byte) 3).put((byte) 4).put((byte) 64).put((byte) 0xC0).putInt(86400).putInt(14400).putInt(0)
                .put(HexFormat.of().parseHex("fd000018000000000000000000000000"));
        icmp.put((byte) 25).put((byte) 3).putShort((short) 0).putInt(600)
                .put(HexFormat.of().parseHex("fd000018000000000000000000000001"));
        byte[] dnssl = Dhcpv6Message.encodeDomainList(List.of("boot6.test"));
        icmp.put((byte) 31).put((byte) 3).putShort((short) 0).putInt(600).put(java.util.Arrays.copyOf(dnssl, 16));
        byte[] payload = icmp.array();
        ByteBuffer frame = ByteBuffer.allocate(14 + 40 + payload.length);
        frame.put(Ndp.multicastMac(HexFormat.of().parseHex("ff020000000000000000000000000001"))).put(MAC)
                .putShort((short) Ndp.ETHERTYPE_IPV6);
        frame.putInt(0x60000000).putShort((short) payload.length).put((byte) 58).put((byte) hopLimit).put(ROUTER)
                .put(HexFormat.of().parseHex("ff020000000000000000000000000001")).put(payload);
        return frame.array();
    }

    @Test
    void routerSolicitationIsAGoldenFrame() {
        ByteBuffer rs = Ndp.routerSolicitation(MAC);
        byte[] frame = new byte[rs.remaining()];
        rs.get(frame);
        assertEquals("333300000002" + "525400123456" + "86dd" + "6000000000083aff"
                + "00000000000000000000000000000000" + "ff020000000000000000000000000002"
                + "85007bb800000000", HexFormat.of().formatHex(frame));
    }

    @Test
    void advertisementGivesFlagsPrefixRouterDnsAndSearchList() {
        Ndp.RouterAdvertisement ra = Ndp.parseRouterAdvertisement(ByteBuffer.wrap(advertisement(255)));
        assertTrue(ra.managed() && ra.other());
        assertEquals(1800, ra.routerLifetime());
        assertArrayEquals(ROUTER, ra.router());
        assertEquals(1, ra.prefixes().size());
        assertEquals(64, ra.prefixes().get(0).length());
        assertTrue(ra.prefixes().get(0).onLink() && ra.prefixes().get(0).autonomous());
        assertEquals("fd00:18::1", Ipv6Text.format(ra.dnsServers().get(0)));
        assertEquals(List.of("boot6.test"), ra.searchList());
    }

    @Test
    void anAdvertisementFromBeyondTheLinkOrMalformedIsIgnored() {
        assertNull(Ndp.parseRouterAdvertisement(ByteBuffer.wrap(advertisement(64))), "hop limit must be 255");
        byte[] zeroLength = advertisement(255);
        zeroLength[14 + 40 + 16 + 1] = 0;
        assertNull(Ndp.parseRouterAdvertisement(ByteBuffer.wrap(zeroLength)), "an option of length 0");
        byte[] overlong = advertisement(255);
        overlong[14 + 40 + 16 + 1] = 100;
        assertNull(Ndp.parseRouterAdvertisement(ByteBuffer.wrap(overlong)), "an option past the end");
        Random random = new Random(7);
        byte[] good = advertisement(255);
        for (int i = 0; i < 20000; i++) {
            byte[] data = java.util.Arrays.copyOf(good, random.nextInt(good.length + 1));
            for (int flips = 0; flips < random.nextInt(5); flips++) {
                if (data.length > 0) {
                    data[random.nextInt(data.length)] = (byte) random.nextInt(256);
                }
            }
            Ndp.parseRouterAdvertisement(ByteBuffer.wrap(data)); // null or an advertisement, never a throw
        }
    }

    @Test
    void ipv6TextFollowsRfc5952() {
        assertEquals("fe80::1", Ipv6Text.format(ROUTER));
        assertEquals("::", Ipv6Text.format(new byte[16]));
        assertEquals("2001:db8::1:0:0:1", Ipv6Text.format(HexFormat.of().parseHex("20010db8000000000001000000000001")));
        assertEquals("2001:db8:0:1:1:1:1:1", Ipv6Text.format(HexFormat.of().parseHex("20010db8000000010001000100010001")));
    }
}
