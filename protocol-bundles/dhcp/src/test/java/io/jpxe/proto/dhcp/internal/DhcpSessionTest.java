package io.jpxe.proto.dhcp.internal;

import static io.jpxe.proto.dhcp.internal.Packets.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

class DhcpSessionTest {
    /** iPXE's schedule scaled down 100 times, so the shape is tested without waiting for it. */
    private static final DhcpSession.Timing FAST = new DhcpSession.Timing(Duration.ofMillis(10),
            Duration.ofMillis(100), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(40));
    private static final int XID = 0x5eed;

    /** A link whose "wire" hands each sent packet to a server function answering with frames. */
    private static final class SimulatedWire implements FrameLink {
        final List<DhcpPacket> sent = new CopyOnWriteArrayList<>();
        final Function<DhcpPacket, List<ByteBuffer>> server;
        volatile Consumer<ByteBuffer> consumer;

        SimulatedWire(Function<DhcpPacket, List<ByteBuffer>> server) {
            this.server = server;
        }

        @Override
        public byte[] mac() {
            return Packets.MAC.clone();
        }

        @Override
        public void send(ByteBuffer frame) {
            UdpFrames.Datagram d = UdpFrames.parse(frame);
            try {
                DhcpPacket p = DhcpPacket.decode(d.payload());
                sent.add(p);
                for (ByteBuffer reply : server.apply(p)) {
                    consumer.accept(reply);
                }
            } catch (DhcpFormatException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public AutoCloseable receive(Consumer<ByteBuffer> c) {
            consumer = c;
            return () -> consumer = null;
        }
    }

    private static ByteBuffer frame(int sourcePort, ByteBuffer dhcp) {
        byte[] payload = new byte[dhcp.remaining()];
        dhcp.get(payload);
        return UdpFrames.build(new byte[] {2, 0, 0, 0, 0, 1}, Packets.MAC, ip(198, 18, 0, 1), UdpFrames.BROADCAST_IP,
                sourcePort, 68, payload);
    }

    private static ByteBuffer serverReply(int xid, int type, int... extra) {
        int[] base = {53, 1, type, 54, 4, 198, 18, 0, 1, 1, 4, 255, 255, 255, 0, 3, 4, 198, 18, 0, 1};
        int[] all = new int[base.length + extra.length + 1];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        all[all.length - 1] = 255;
        return frame(67, Packets.reply(xid, ip(198, 18, 0, 100), ip(198, 18, 0, 1), "", "boot.ipxe", all));
    }

    private static DhcpSession session(SimulatedWire wire) {
        return new DhcpSession(wire, DhcpRequests.defaults(Packets.MAC, "amd64"), XID, FAST, System::nanoTime);
    }

    @Test
    void plainServerWithNoProxyHintLeasesAtOnce() throws Exception {
        SimulatedWire wire = new SimulatedWire(p -> p.messageType() == DhcpPacket.DHCPDISCOVER
                ? List.of(serverReply(XID + 1, 2), serverReply(XID, 2, 175, 3, 176, 1, 1))
                : List.of(serverReply(XID, 5)));
        DhcpSession.Lease lease = session(wire).run(() -> { }, ack -> { });
        assertArrayEquals(ip(198, 18, 0, 100), lease.ack().yiaddr());
        assertEquals(DhcpPacket.DHCPACK, lease.ack().messageType());
        assertTrue(lease.proxyOffer().isEmpty());
        assertEquals(2, wire.sent.size());
        DhcpPacket request = wire.sent.get(1);
        assertArrayEquals(ip(198, 18, 0, 100), request.options().get(50).orElseThrow());
        assertArrayEquals(ip(198, 18, 0, 1), request.options().get(54).orElseThrow());
        assertEquals(24, DhcpConfigurator.prefixLength(lease.ack()));
    }

    @Test
    void proxyOfferIsKeptBesideTheLease() throws Exception {
        ByteBuffer proxy = frame(67, Packets.reply(XID, ip(0, 0, 0, 0), ip(198, 18, 0, 2), "", "pxe.efi",
                53, 1, 2, 54, 4, 198, 18, 0, 2, 60, 9, 'P', 'X', 'E', 'C', 'l', 'i', 'e', 'n', 't', 255));
        SimulatedWire wire = new SimulatedWire(p -> p.messageType() == DhcpPacket.DHCPDISCOVER
                ? List.of(serverReply(XID, 2), proxy) : List.of(serverReply(XID, 5)));
        DhcpSession.Lease lease = session(wire).run(() -> { }, ack -> { });
        assertEquals("pxe.efi", lease.proxyOffer().orElseThrow().file());
        assertEquals("boot.ipxe", lease.ack().file());
    }

    @Test
    void proxyRequestGoesToPort4011AfterTheLeaseIsApplied() throws Exception {
        ByteBuffer proxyOffer = frame(67, Packets.reply(XID, ip(0, 0, 0, 0), ip(198, 18, 0, 2), "", "",
                53, 1, 2, 54, 4, 198, 18, 0, 2, 60, 9, 'P', 'X', 'E', 'C', 'l', 'i', 'e', 'n', 't', 255));
        ByteBuffer proxyAck = frame(4011, Packets.reply(XID, ip(0, 0, 0, 0), ip(198, 18, 0, 2), "", "proxied.efi",
                53, 1, 5, 54, 4, 198, 18, 0, 2, 60, 9, 'P', 'X', 'E', 'C', 'l', 'i', 'e', 'n', 't', 255));
        List<String> events = new CopyOnWriteArrayList<>();
        SimulatedWire wire = new SimulatedWire(p -> {
            if (p.messageType() == DhcpPacket.DHCPDISCOVER) {
                return List.of(serverReply(XID, 2), proxyOffer);
            }
            boolean toProxy = java.util.Arrays.equals(p.options().get(54).orElseThrow(), ip(198, 18, 0, 2));
            events.add(toProxy ? "proxy-request" : "request");
            return List.of(toProxy ? proxyAck : serverReply(XID, 5));
        });
        DhcpSession.Lease lease = session(wire).run(() -> { }, ack -> events.add("applied"));
        assertEquals(List.of("request", "applied", "proxy-request"), events);
        assertEquals("proxied.efi", lease.proxyOffer().orElseThrow().file());
        assertEquals(DhcpPacket.DHCPACK, lease.proxyOffer().orElseThrow().messageType());
    }

    @Test
    void withoutProxyHintTheClientWaitsForTheProxyWindow() throws Exception {
        SimulatedWire wire = new SimulatedWire(p -> p.messageType() == DhcpPacket.DHCPDISCOVER
                ? List.of(serverReply(XID, 2)) : List.of(serverReply(XID, 5)));
        long start = System.nanoTime();
        session(wire).run(() -> { }, ack -> { });
        assertTrue(System.nanoTime() - start >= FAST.proxyWait().toNanos());
    }

    @Test
    void noAnswerTimesOutAfterIpxesRetrySchedule() {
        SimulatedWire wire = new SimulatedWire(p -> List.of());
        JpxeException e = assertThrows(JpxeException.class, () -> session(wire).run(() -> { }, ack -> { }));
        assertEquals(Errno.ETIMEDOUT, e.errno());
        assertEquals("Connection timed out", e.describe());
        // transmissions at 0, 1, 3 and 7 timeouts; the doubling past the ceiling fails
        assertEquals(4, wire.sent.size());
    }

    @Test
    void nakAndForeignAcksAreIgnoredUntilTheRequestTimesOut() {
        SimulatedWire wire = new SimulatedWire(p -> p.messageType() == DhcpPacket.DHCPDISCOVER
                ? List.of(serverReply(XID, 2, 175, 3, 176, 1, 1))
                : List.of(serverReply(XID, 6), serverReply(XID ^ 1, 5), frame(68, serverReply(XID, 5))));
        JpxeException e = assertThrows(JpxeException.class, () -> session(wire).run(() -> { }, ack -> { }));
        assertEquals(Errno.ETIMEDOUT, e.errno());
        assertTrue(wire.sent.size() > 2);
    }

    @Test
    void cancellationStopsTheSession() {
        SimulatedWire wire = new SimulatedWire(p -> List.of());
        List<Integer> checks = new ArrayList<>();
        JpxeException e = assertThrows(JpxeException.class, () -> session(wire).run(() -> {
            checks.add(1);
            throw new JpxeException(Errno.ECANCELED, "");
        }, ack -> { }));
        assertEquals(Errno.ECANCELED, e.errno());
    }
}
