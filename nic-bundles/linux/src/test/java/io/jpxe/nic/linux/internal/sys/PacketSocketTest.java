package io.jpxe.nic.linux.internal.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** Exercises the FFM calls for real on the loopback interface (needs root, as AF_PACKET does). */
class PacketSocketTest {

    @Test
    void framesSentOnLoopbackComeBack() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "AF_PACKET needs root");
        Libc libc = new Libc();
        int lo = libc.interfaceIndex("lo");
        // bound to one EtherType: a busy lo (other tests' transfers) cannot crowd the frame out
        try (PacketSocket socket = new PacketSocket(libc, lo, 0x88b5, 2048, 100)) {
            byte[] frame = new byte[60];
            frame[12] = (byte) 0x88;
            frame[13] = (byte) 0xb5; // IEEE local experimental EtherType
            byte[] marker = "jpxe-packet-socket-test".getBytes();
            System.arraycopy(marker, 0, frame, 14, marker.length);
            socket.send(ByteBuffer.wrap(frame));
            ByteBuffer received = null;
            // other processes may be busy on lo: look through whatever arrives for up to 5 s
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (received == null && System.nanoTime() < deadline) {
                ByteBuffer next = socket.receive();
                if (next != null && next.remaining() == 60 && next.get(12) == (byte) 0x88 && next.get(13) == (byte) 0xb5
                        && next.get(14) == 'j') {
                    received = next;
                }
            }
            org.junit.jupiter.api.Assertions.assertNotNull(received, "the frame came back on lo");
            byte[] copy = new byte[60];
            received.get(copy);
            assertArrayEquals(frame, copy);
        }
    }

    @Test
    void unknownInterfaceNamesTheErrno() {
        Libc libc = new Libc();
        Libc.ErrnoException e = org.junit.jupiter.api.Assertions.assertThrows(Libc.ErrnoException.class,
                () -> libc.interfaceIndex("no-such-if0"));
        assertEquals(19, e.errno()); // ENODEV
    }
}
