package io.jpxe.proto.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The DHCPv6 codec, iPXE's requests and the decoder's answer to malformed and hostile messages. */
class Dhcpv6MessageTest {
    private static final byte[] MAC = HexFormat.of().parseHex("525400123456");

    static Dhcpv6Requests requests() {
        return Dhcpv6Requests.of(DhcpRequests.defaults(MAC, "amd64"));
    }

    /** A Reply as dnsmasq sends it: client id, server id, IA_NA with one address, DNS, domain list, URL. */
    static byte[] reply(int type, int xid, byte[] clientId, byte[] address) {
        ByteBuffer iaaddr = ByteBuffer.allocate(24).put(address).putInt(3600).putInt(7200);
        ByteBuffer ia = ByteBuffer.allocate(12 + 4 + 24).putInt(0x12345678).putInt(0).putInt(0)
                .putShort((short) 5).putShort((short) 24).put(iaaddr.array());
        byte[] dns = HexFormat.of().parseHex("fd000018000000000000000000000001");
        return new Dhcpv6Message(type, xid, List.of(
                new Dhcpv6Message.Option(Dhcpv6Message.OPTION_CLIENTID, clientId),
                new Dhcpv6Message.Option(Dhcpv6Message.OPTION_SERVERID, HexFormat.of().parseHex("000300010a0b0c0d0e0f")),
                new Dhcpv6Message.Option(Dhcpv6Message.OPTION_IA_NA, ia.array()),
                new Dhcpv6Message.Option(Dhcpv6Message.OPTION_DNS_SERVERS, dns),
                new Dhcpv6Message.Option(Dhcpv6Message.OPTION_DOMAIN_LIST,
                        Dhcpv6Message.encodeDomainList(List.of("boot6.test", "example.org"))),
                new Dhcpv6Message.Option(Dhcpv6Message.OPTION_BOOTFILE_URL, "tftp://[fd00:18::1]/x".getBytes())))
                .encode();
    }

    static byte[] address(int last) {
        byte[] a = HexFormat.of().parseHex("fd000018000000000000000000000100");
        a[15] = (byte) last;
        return a;
    }

    @Test
    void solicitCarriesIpxesOptionsInOrder() throws Exception {
        Dhcpv6Message solicit = requests().solicit(0xabcdef, 0);
        byte[] wire = solicit.encode();
        assertEquals("01abcdef", HexFormat.of().formatHex(wire, 0, 4));
        Dhcpv6Message back = Dhcpv6Message.decode(ByteBuffer.wrap(wire));
        assertEquals(List.of(1, 8, 3, 6, 16, 15, 61, 62), back.options().stream().map(Dhcpv6Message.Option::code).toList());
        assertArrayEquals(HexFormat.of().parseHex("00030001525400123456"), back.option(1).orElseThrow(), "DUID-LL");
        assertArrayEquals(HexFormat.of().parseHex("00123456" + "00000000" + "00000000"), back.option(3).orElseThrow());
        assertArrayEquals(HexFormat.of().parseHex("0017" + "0018" + "003b" + "003c"), back.option(6).orElseThrow());
        byte[] vendor = back.option(16).orElseThrow();
        assertEquals(343, ByteBuffer.wrap(vendor).getInt());
        assertEquals("PXEClient:Arch:00007:UNDI:003010", new String(vendor, 6, vendor.length - 6));
        assertArrayEquals(HexFormat.of().parseHex("0004") , java.util.Arrays.copyOf(back.option(15).orElseThrow(), 2));
        assertEquals("iPXE", new String(back.option(15).orElseThrow(), 2, 4));
        assertArrayEquals(new byte[] {0, 7}, back.option(61).orElseThrow());
    }

    @Test
    void uuidMakesADuidUuid() {
        byte[] uuid = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        Dhcpv6Requests r = Dhcpv6Requests.of(DhcpRequests.defaults(MAC, "amd64").withUuid(uuid));
        assertArrayEquals(HexFormat.of().parseHex("0004" + "00112233445566778899aabbccddeeff"), r.duid());
    }

    @Test
    void requestEchoesTheServerAndTheOfferedIa() throws Exception {
        Dhcpv6Message advertise = Dhcpv6Message.decode(ByteBuffer.wrap(
                reply(Dhcpv6Message.ADVERTISE, 7, requests().duid(), address(0x42))));
        Dhcpv6Message request = requests().request(7, 120, advertise);
        assertEquals(Dhcpv6Message.REQUEST, request.type());
        assertArrayEquals(advertise.option(2).orElseThrow(), request.option(2).orElseThrow());
        assertArrayEquals(advertise.option(3).orElseThrow(), request.option(3).orElseThrow());
        assertArrayEquals(new byte[] {0, 120}, request.option(8).orElseThrow());
    }

    @Test
    void informationRequestHasNoIa() {
        Dhcpv6Message m = requests().informationRequest(1, 0);
        assertEquals(Dhcpv6Message.INFORMATION_REQUEST, m.type());
        assertTrue(m.option(Dhcpv6Message.OPTION_IA_NA).isEmpty());
    }

    @Test
    void replyGivesAddressesDnsDomainsAndBootUrl() throws Exception {
        Dhcpv6Message m = Dhcpv6Message.decode(ByteBuffer.wrap(reply(Dhcpv6Message.REPLY, 9, requests().duid(), address(7))));
        assertEquals(9, m.xid());
        assertEquals(1, m.iaAddresses().size());
        assertArrayEquals(address(7), m.iaAddresses().get(0).address());
        assertEquals(7200, m.iaAddresses().get(0).validLifetime());
        assertEquals("fd00:18::1", Ipv6Text.format(Dhcpv6Message.addresses(m.option(23).orElseThrow()).get(0)));
        assertEquals(List.of("boot6.test", "example.org"),
                Dhcpv6Message.domainList(ByteBuffer.wrap(m.option(24).orElseThrow())));
        assertEquals("tftp://[fd00:18::1]/x", new String(m.option(59).orElseThrow()));
    }

    @Test
    void aFailedIaOrStatusHoldsNoAddress() throws Exception {
        ByteBuffer ia = ByteBuffer.allocate(12 + 4 + 2).putInt(1).putInt(0).putInt(0)
                .putShort((short) 13).putShort((short) 2).putShort((short) 2); // NoAddrsAvail
        Dhcpv6Message m = new Dhcpv6Message(Dhcpv6Message.ADVERTISE, 1,
                List.of(new Dhcpv6Message.Option(3, ia.array())));
        assertEquals(List.of(), Dhcpv6Message.decode(ByteBuffer.wrap(m.encode())).iaAddresses());
        Dhcpv6Message failed = new Dhcpv6Message(Dhcpv6Message.REPLY, 1,
                List.of(new Dhcpv6Message.Option(13, new byte[] {0, 1})));
        assertEquals(1, failed.status());
    }

    @Test
    void truncatedAndOverlongMessagesAreFormatErrors() {
        byte[] good = reply(Dhcpv6Message.REPLY, 1, requests().duid(), address(1));
        assertThrows(DhcpFormatException.class, () -> Dhcpv6Message.decode(ByteBuffer.wrap(new byte[3])));
        for (int cut = 5; cut < good.length; cut++) {
            if (cut == 4 + 14 || cut == 4 + 14 + 18) {
                continue; // cuts between whole options are well-formed shorter messages
            }
            int length = cut;
            try {
                Dhcpv6Message.decode(ByteBuffer.wrap(good, 0, length));
            } catch (DhcpFormatException expected) {
                // the decoder refuses a cut inside an option; one between options decodes
            }
        }
        byte[] overlong = {7, 0, 0, 1, 0, 1, (byte) 0xff, (byte) 0xff, 1, 2};
        assertThrows(DhcpFormatException.class, () -> Dhcpv6Message.decode(ByteBuffer.wrap(overlong)));
        byte[] stray = {7, 0, 0, 1, 0, 1, 0};
        assertThrows(DhcpFormatException.class, () -> Dhcpv6Message.decode(ByteBuffer.wrap(stray)));
    }

    @Test
    void malformedInnerOptionsHoldNothingInsteadOfFailing() throws Exception {
        // IA_NA shorter than its header, IA_NA whose IAADDR claims more than it has, IAADDR of 3 bytes
        Dhcpv6Message m = new Dhcpv6Message(Dhcpv6Message.REPLY, 1, List.of(
                new Dhcpv6Message.Option(3, new byte[5]),
                new Dhcpv6Message.Option(3, ByteBuffer.allocate(16).putInt(1).putInt(0).putInt(0)
                        .putShort((short) 5).putShort((short) 400).array()),
                new Dhcpv6Message.Option(3, ByteBuffer.allocate(19).putInt(1).putInt(0).putInt(0)
                        .putShort((short) 5).putShort((short) 3).put(new byte[3]).array()),
                new Dhcpv6Message.Option(23, new byte[17]),
                new Dhcpv6Message.Option(24, new byte[] {5, 'a', 'b'}),
                new Dhcpv6Message.Option(13, new byte[1])));
        Dhcpv6Message back = Dhcpv6Message.decode(ByteBuffer.wrap(m.encode()));
        assertEquals(List.of(), back.iaAddresses());
        assertEquals(1, Dhcpv6Message.addresses(back.option(23).orElseThrow()).size(), "a ragged tail is dropped");
        assertEquals(List.of(), Dhcpv6Message.domainList(ByteBuffer.wrap(back.option(24).orElseThrow())));
        assertEquals(Dhcpv6Message.STATUS_SUCCESS, back.status(), "a status too short to read is no failure");
    }

    @Test
    void randomBytesNeverThrowAnythingButFormatErrors() {
        Random random = new Random(42);
        byte[] good = reply(Dhcpv6Message.REPLY, 1, requests().duid(), address(1));
        for (int i = 0; i < 20000; i++) {
            byte[] data = i % 2 == 0 ? new byte[random.nextInt(200)] : good.clone();
            if (i % 2 == 0) {
                random.nextBytes(data);
            } else {
                for (int flips = 0; flips < 1 + random.nextInt(6); flips++) {
                    data[random.nextInt(data.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                Dhcpv6Message m = Dhcpv6Message.decode(ByteBuffer.wrap(data));
                m.iaAddresses();
                m.status();
                m.preference();
                m.option(24).ifPresent(v -> Dhcpv6Message.domainList(ByteBuffer.wrap(v)));
                m.option(23).ifPresent(Dhcpv6Message::addresses);
            } catch (DhcpFormatException expected) {
                // refused cleanly
            }
        }
    }
}
