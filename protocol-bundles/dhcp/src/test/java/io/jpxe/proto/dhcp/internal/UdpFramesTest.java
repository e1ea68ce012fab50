package io.jpxe.proto.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class UdpFramesTest {

    @Test
    void builtFramesHaveValidChecksumsAndParseBack() {
        byte[] payload = "hello dhcp".getBytes();
        ByteBuffer frame = UdpFrames.build(Packets.MAC, UdpFrames.BROADCAST_MAC, UdpFrames.ANY,
                UdpFrames.BROADCAST_IP, 68, 67, payload);
        byte[] f = new byte[frame.remaining()];
        frame.duplicate().get(f);
        assertEquals(0, UdpFrames.checksum(f, 14, 20, 0)); // a valid IPv4 header sums to zero
        assertEquals(0x0800, ((f[12] & 0xFF) << 8) | (f[13] & 0xFF));
        UdpFrames.Datagram d = UdpFrames.parse(frame);
        assertEquals(68, d.sourcePort());
        assertEquals(67, d.destinationPort());
        byte[] back = new byte[d.payload().remaining()];
        d.payload().get(back);
        assertArrayEquals(payload, back);
    }

    @Test
    void truncatedFragmentedOrForeignFramesAreIgnored() {
        ByteBuffer frame = UdpFrames.build(Packets.MAC, UdpFrames.BROADCAST_MAC, UdpFrames.ANY,
                UdpFrames.BROADCAST_IP, 68, 67, new byte[100]);
        assertNull(UdpFrames.parse(frame.slice(0, 60)));
        ByteBuffer fragmented = copy(frame);
        fragmented.putShort(14 + 6, (short) 0x2000);
        assertNull(UdpFrames.parse(fragmented));
        ByteBuffer lyingUdp = copy(frame);
        lyingUdp.putShort(14 + 20 + 4, (short) 5000);
        assertNull(UdpFrames.parse(lyingUdp));
        ByteBuffer arp = copy(frame);
        arp.putShort(12, (short) 0x0806);
        assertNull(UdpFrames.parse(arp));
        assertNull(UdpFrames.parse(ByteBuffer.allocate(3)));
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b.duplicate()).flip();
        return c;
    }
}
