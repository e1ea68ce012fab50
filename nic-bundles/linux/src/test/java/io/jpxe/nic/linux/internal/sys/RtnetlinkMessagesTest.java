package io.jpxe.nic.linux.internal.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class RtnetlinkMessagesTest {

    @Test
    void addressMessageCarriesHeaderIfaddrmsgAndAttributes() {
        byte[] m = RtnetlinkMessages.address(7, true, 3, new byte[] {(byte) 198, 18, 0, 100}, 24);
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder());
        assertEquals(m.length, b.getInt(0));
        assertEquals(RtnetlinkMessages.RTM_NEWADDR, b.getShort(4));
        assertEquals(0x1 | 0x4 | 0x400 | 0x100, b.getShort(6));
        assertEquals(7, b.getInt(8));
        assertEquals(2, b.get(16)); // AF_INET
        assertEquals(24, b.get(17));
        assertEquals(3, b.getInt(20));
        // IFA_LOCAL, IFA_ADDRESS, IFA_BROADCAST: 8 bytes each
        assertEquals(16 + 8 + 3 * 8, m.length);
        assertEquals(RtnetlinkMessages.IFA_LOCAL, b.getShort(26));
        assertArrayEquals(new byte[] {(byte) 198, 18, 0, (byte) 255}, java.util.Arrays.copyOfRange(m, 44, 48));
    }

    @Test
    void ipv6AddressMessageIsNodadWithOneSixteenByteAttribute() {
        byte[] address = new byte[16];
        address[0] = (byte) 0xfd;
        address[15] = 0x42;
        byte[] m = RtnetlinkMessages.address6(9, 4, address, 64);
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder());
        assertEquals(m.length, b.getInt(0));
        assertEquals(RtnetlinkMessages.RTM_NEWADDR, b.getShort(4));
        assertEquals(10, b.get(16)); // AF_INET6
        assertEquals(64, b.get(17));
        assertEquals(RtnetlinkMessages.IFA_F_NODAD, b.get(18));
        assertEquals(4, b.getInt(20));
        assertEquals(16 + 8 + 20, m.length);
        assertEquals(20, b.getShort(24));
        assertEquals(RtnetlinkMessages.IFA_ADDRESS, b.getShort(26));
        assertArrayEquals(address, java.util.Arrays.copyOfRange(m, 28, 44));
    }

    @Test
    void broadcastFollowsThePrefix() {
        assertArrayEquals(new byte[] {10, 0, 3, (byte) 255}, RtnetlinkMessages.broadcast(new byte[] {10, 0, 2, 1}, 23));
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255},
                RtnetlinkMessages.broadcast(new byte[] {10, 0, 2, 1}, 0));
    }

    @Test
    void vlanMessageNestsKindAndId() {
        byte[] m = RtnetlinkMessages.newVlan(1, "vc.42", 5, 42);
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder());
        assertEquals(m.length, b.getInt(0));
        String text = new String(m, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(true, text.contains("vc.42\0"));
        assertEquals(true, text.contains("vlan\0"));
        assertEquals(0, m.length % 4);
    }

    @Test
    void ackIsFoundAndErrnoIsPositive() {
        ByteBuffer reply = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        reply.putInt(36).putShort((short) 2).putShort((short) 0).putInt(9).putInt(0).putInt(-17).put(new byte[16]);
        reply.flip();
        assertEquals(17, RtnetlinkMessages.ackErrno(reply, 9));
        assertEquals(RtnetlinkMessages.NOT_AN_ACK, RtnetlinkMessages.ackErrno(reply, 10));
    }

    @Test
    void truncatedOrLyingRepliesAreNotAcks() {
        ByteBuffer reply = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        reply.putInt(4000).putShort((short) 2).putShort((short) 0).putInt(9).putInt(0);
        reply.flip();
        assertEquals(RtnetlinkMessages.NOT_AN_ACK, RtnetlinkMessages.ackErrno(reply, 9));
        ByteBuffer tiny = ByteBuffer.allocate(3);
        assertEquals(RtnetlinkMessages.NOT_AN_ACK, RtnetlinkMessages.ackErrno(tiny, 9));
        ByteBuffer zero = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
        assertEquals(RtnetlinkMessages.NOT_AN_ACK, RtnetlinkMessages.ackErrno(zero, 0));
    }
}
