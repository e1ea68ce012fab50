package io.jpxe.proto.dns.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.settings.internal.SettingsTree;

class DnsMessageTest {
    /** A response for boot.test: CNAME www.boot.test -> boot.test via pointers, then A 198.18.0.1. */
    static byte[] response(int id, String name) {
        ByteBuffer b = ByteBuffer.allocate(512);
        byte[] q = DnsMessage.query(id, name);
        b.put(q);
        b.putShort(2, (short) 0x8180).putShort(6, (short) 2);
        // answer 1: <question name> CNAME boot.test (pointer to offset 12 + 4 = "boot.test" in "www.boot.test")
        b.put(new byte[] {(byte) 0xC0, 12}).putShort((short) 5).putShort((short) 1).putInt(60).putShort((short) 2)
                .put(new byte[] {(byte) 0xC0, 16});
        // answer 2: boot.test A 198.18.0.1
        b.put(new byte[] {(byte) 0xC0, 16}).putShort((short) 1).putShort((short) 1).putInt(60).putShort((short) 4)
                .put(new byte[] {(byte) 198, 18, 0, 1});
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    @Test
    void followsCnamesThroughCompressedNames() throws Exception {
        DnsMessage.Answer a = DnsMessage.decode(ByteBuffer.wrap(response(7, "www.boot.test")), "www.boot.test");
        assertEquals(7, a.id());
        assertEquals(List.of(InetAddress.getByAddress(new byte[] {(byte) 198, 18, 0, 1})), a.addresses());
    }

    @Test
    void queryIsTheRfc1035Layout() {
        assertArrayEquals(new byte[] {0, 9, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 2, 'b', 'c', 0, 0, 1, 0, 1},
                DnsMessage.query(9, "a.bc"));
        assertThrows(IllegalArgumentException.class, () -> DnsMessage.query(1, "a..b"));
    }

    @Test
    void hostileAnswersAreRejected() {
        byte[] good = response(7, "www.boot.test");
        byte[] loop = good.clone();
        loop[31] = (byte) 0xC0; // first answer's name points at itself
        loop[32] = 31;
        assertThrows(DnsFormatException.class, () -> DnsMessage.decode(ByteBuffer.wrap(loop), "www.boot.test"));
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] data = java.util.Arrays.copyOf(good, random.nextInt(good.length + 8));
            if (data.length > 0) {
                data[random.nextInt(data.length)] = (byte) random.nextInt(256);
            }
            try {
                DnsMessage.decode(ByteBuffer.wrap(data), "www.boot.test");
            } catch (DnsFormatException expected) {
                // rejected with a reason
            }
        }
    }

    @Test
    void resolverAsksTheDhcpGivenServerWithTheSearchDomain() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread responder = Thread.ofVirtual().start(() -> {
                try {
                    byte[] buffer = new byte[512];
                    DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                    server.receive(query);
                    int id = ((buffer[0] & 0xFF) << 8) | (buffer[1] & 0xFF);
                    byte[] reply = response(id, "www.boot.test");
                    server.send(new DatagramPacket(reply, reply.length, query.getSocketAddress()));
                } catch (Exception e) {
                    // the test's assertion reports the missing answer
                }
            });
            SettingsTree settings = new SettingsTree();
            settings.store("dns", "127.0.0.1");
            settings.store("domain", "boot.test");
            DnsResolver resolver = new DnsResolver(settings, server.getLocalPort(), Duration.ofSeconds(1));
            assertEquals(List.of(InetAddress.getByAddress(new byte[] {(byte) 198, 18, 0, 1})), resolver.resolve("www"));
            responder.join();
            assertEquals(List.of("www.boot.test", "www"), DnsResolver.candidates("www", Optional.of("boot.test")));
            assertEquals(List.of("a.b"), DnsResolver.candidates("a.b", Optional.of("boot.test")));
            assertEquals("10.0.0.1", resolver.resolve("10.0.0.1").get(0).getHostAddress());
            JpxeException none = assertThrows(JpxeException.class,
                    () -> new DnsResolver(new SettingsTree(), 53, Duration.ofSeconds(1)).resolve("x.test"));
            assertEquals(Errno.EADDRNOTAVAIL, none.errno());
        }
    }

    @Test
    void aaaaRecordsAreAddressesToo() throws Exception {
        byte[] q = DnsMessage.query(9, "boot6.test", DnsMessage.TYPE_AAAA);
        assertEquals(DnsMessage.TYPE_AAAA, ByteBuffer.wrap(q).getShort(q.length - 4));
        ByteBuffer b = ByteBuffer.allocate(512).put(q);
        b.put(2, (byte) 0x81).put(3, (byte) 0x80).putShort(6, (short) 1); // response, one answer
        byte[] address = java.util.HexFormat.of().parseHex("fd000018000000000000000000000001");
        b.put(new byte[] {(byte) 0xC0, 12}).putShort((short) DnsMessage.TYPE_AAAA).putShort((short) 1).putInt(60)
                .putShort((short) 16).put(address);
        DnsMessage.Answer a = DnsMessage.decode(ByteBuffer.wrap(b.array(), 0, b.position()), "boot6.test");
        assertEquals(1, a.addresses().size());
        assertArrayEquals(address, a.addresses().get(0).getAddress());
    }
}
