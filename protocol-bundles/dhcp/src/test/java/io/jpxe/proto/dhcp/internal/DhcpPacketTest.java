package io.jpxe.proto.dhcp.internal;

import static io.jpxe.proto.dhcp.internal.Packets.ip;
import static io.jpxe.proto.dhcp.internal.Packets.reply;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DhcpPacketTest {

    @Test
    void decodesAnOfferWithOptionsAndBootFields() throws Exception {
        DhcpPacket p = DhcpPacket.decode(reply(7, ip(198, 18, 0, 100), ip(198, 18, 0, 1), "srv", "boot.ipxe",
                53, 1, 2, 54, 4, 198, 18, 0, 1, 1, 4, 255, 255, 255, 0, 175, 6, 8, 1, 1, 176, 1, 1, 255));
        assertEquals(DhcpPacket.DHCPOFFER, p.messageType());
        assertEquals(7, p.xid());
        assertEquals("boot.ipxe", p.file());
        assertEquals("srv", p.sname());
        assertArrayEquals(ip(198, 18, 0, 1), p.serverId().orElseThrow());
        assertArrayEquals(new byte[] {1}, p.options().encapsulated(175, 8).orElseThrow());
        assertTrue(p.options().encapsulated(175, 176).isPresent());
    }

    @Test
    void overloadReadsOptionsFromFileAndSnameOnlyOnce() throws Exception {
        ByteBuffer b = reply(1, ip(10, 0, 0, 5), ip(0, 0, 0, 0), "", "", 53, 1, 5, 52, 1, 3, 255);
        // file field (offset 108) holds option 67, sname (offset 44) holds 66, and each says overload again
        byte[] inFile = {67, 5, 'a', '.', 'e', 'f', 'i', 52, 1, 3, (byte) 255};
        byte[] inSname = {66, 3, 't', 'f', 'p', (byte) 255};
        b.put(108, inFile);
        b.put(44, inSname);
        DhcpPacket p = DhcpPacket.decode(b);
        assertEquals("", p.file());
        assertEquals("", p.sname());
        assertEquals("a.efi", new String(p.options().get(67).orElseThrow()));
        assertEquals("tfp", new String(p.options().get(66).orElseThrow()));
    }

    @Test
    void repeatedOptionsConcatenate() throws Exception {
        DhcpPacket p = DhcpPacket.decode(reply(1, ip(10, 0, 0, 5), ip(0, 0, 0, 0), "", "",
                67, 2, 'a', 'b', 67, 2, 'c', 'd', 255));
        assertEquals("abcd", new String(p.options().get(67).orElseThrow()));
    }

    @Test
    void hostilePacketsAreRejectedWithAReason() {
        assertThrows(DhcpFormatException.class, () -> DhcpPacket.decode(ByteBuffer.allocate(100)));
        DhcpFormatException e = assertThrows(DhcpFormatException.class, () -> DhcpPacket.decode(
                reply(1, ip(1, 2, 3, 4), ip(0, 0, 0, 0), "", "", 53, 1, 2, 67, 200, 'x')));
        assertTrue(e.getMessage().contains("option 67 claims 200 bytes"), e.getMessage());
        assertThrows(DhcpFormatException.class, () -> DhcpPacket.decode(
                reply(1, ip(1, 2, 3, 4), ip(0, 0, 0, 0), "", "", 53)));
        ByteBuffer notEthernet = reply(1, ip(1, 2, 3, 4), ip(0, 0, 0, 0), "", "", 255);
        notEthernet.put(1, (byte) 6);
        assertThrows(DhcpFormatException.class, () -> DhcpPacket.decode(notEthernet));
    }

    @Test
    void noCookieMeansBootpWithoutOptions() throws Exception {
        ByteBuffer b = reply(1, ip(1, 2, 3, 4), ip(0, 0, 0, 0), "", "x", 255);
        b.putInt(236, 0);
        DhcpPacket p = DhcpPacket.decode(b);
        assertEquals(0, p.messageType());
        assertEquals("x", p.file());
    }

    @Test
    void malformedEncapsulationHoldsNothing() throws Exception {
        DhcpPacket p = DhcpPacket.decode(reply(1, ip(1, 2, 3, 4), ip(0, 0, 0, 0), "", "", 175, 3, 8, 9, 1, 255));
        assertFalse(p.options().encapsulated(175, 8).isPresent());
    }

    @Test
    void randomAndTruncatedInputNeverThrowsAnythingElse() {
        Random random = new Random(42);
        byte[] good = reply(9, ip(10, 0, 0, 9), ip(10, 0, 0, 1), "s", "f", 53, 1, 5, 52, 1, 3, 54, 4, 10, 0, 0, 1,
                255).array();
        for (int i = 0; i < 5000; i++) {
            byte[] data = java.util.Arrays.copyOf(good, random.nextInt(good.length + 40));
            for (int j = 0; j < 1 + random.nextInt(8); j++) {
                if (data.length > 0) {
                    data[random.nextInt(data.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                DhcpPacket p = DhcpPacket.decode(ByteBuffer.wrap(data));
                new DhcpSettings("net0.dhcp", p, 0).list();
                p.options().encapsulated(175, 8);
            } catch (DhcpFormatException expected) {
                // rejected with a reason: fine
            }
        }
    }

    @Test
    void encodedRequestsCarryIpxeOptionsInOrder() throws Exception {
        DhcpRequests requests = DhcpRequests.defaults(Packets.MAC, "amd64");
        byte[] wire = requests.request(0x1234, ip(10, 0, 0, 5), ip(10, 0, 0, 1)).encode();
        assertEquals(1, wire[0]);
        assertEquals(0x1234, ByteBuffer.wrap(wire).getInt(4));
        assertEquals(0x8000, ByteBuffer.wrap(wire).getShort(10) & 0xFFFF);
        // options start after the cookie: 53 first, as iPXE
        assertEquals(53, wire[240]);
        assertEquals(3, wire[242]);
        ByteBuffer replyShape = ByteBuffer.wrap(wire.clone());
        replyShape.put(0, (byte) 2);
        DhcpPacket back = DhcpPacket.decode(replyShape);
        assertEquals("iPXE", new String(back.options().get(77).orElseThrow()));
        assertEquals("PXEClient:Arch:00007:UNDI:003010", new String(back.options().get(60).orElseThrow()));
        assertArrayEquals(new byte[] {0, 7}, back.options().get(93).orElseThrow());
        assertArrayEquals(new byte[] {1, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56}, back.options().get(61).orElseThrow());
        assertArrayEquals(new byte[] {1}, back.options().encapsulated(175, DhcpRequests.FEATURE_TFTP).orElseThrow());
        assertArrayEquals(ip(10, 0, 0, 5), back.options().get(50).orElseThrow());
    }
}
