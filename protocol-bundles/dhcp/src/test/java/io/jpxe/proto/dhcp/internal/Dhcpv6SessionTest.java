package io.jpxe.proto.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

class Dhcpv6SessionTest {
    /** iPXE's 1 → 10 s scaled down 100 times. */
    private static final Dhcpv6Session.Timing FAST = new Dhcpv6Session.Timing(Duration.ofMillis(10),
            Duration.ofMillis(100));
    private static final int XID = 0x123456;

    /** A link handing each sent message to a server function; its answers queue up for receive. */
    private static final class SimulatedLink implements Dhcpv6Session.Link {
        final List<Dhcpv6Message> sent = new ArrayList<>();
        final Deque<ByteBuffer> inbox = new ArrayDeque<>();
        final Function<Dhcpv6Message, List<byte[]>> server;

        SimulatedLink(Function<Dhcpv6Message, List<byte[]>> server) {
            this.server = server;
        }

        @Override
        public void send(byte[] message) {
            try {
                Dhcpv6Message m = Dhcpv6Message.decode(ByteBuffer.wrap(message));
                sent.add(m);
                server.apply(m).forEach(b -> inbox.add(ByteBuffer.wrap(b)));
            } catch (DhcpFormatException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public ByteBuffer receive(long nanos) throws java.io.IOException {
            ByteBuffer next = inbox.poll();
            if (next == null) {
                try {
                    Thread.sleep(Math.max(1, nanos / 1_000_000));
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
            return next;
        }
    }

    private static Dhcpv6Session session(SimulatedLink link) {
        return new Dhcpv6Session(link, Dhcpv6MessageTest.requests(), XID, FAST, System::nanoTime);
    }

    @Test
    void statefulExchangeIgnoresStrangersAndTakesTheLease() throws Exception {
        byte[] duid = Dhcpv6MessageTest.requests().duid();
        SimulatedLink link = new SimulatedLink(m -> switch (m.type()) {
            case Dhcpv6Message.SOLICIT -> List.of(
                    Dhcpv6MessageTest.reply(Dhcpv6Message.ADVERTISE, XID + 1, duid, Dhcpv6MessageTest.address(1)),
                    Dhcpv6MessageTest.reply(Dhcpv6Message.ADVERTISE, XID, new byte[] {0, 3, 0, 1, 9, 9}, Dhcpv6MessageTest.address(2)),
                    new byte[] {2, 0x12, 0x34},
                    Dhcpv6MessageTest.reply(Dhcpv6Message.ADVERTISE, XID, duid, Dhcpv6MessageTest.address(3)));
            case Dhcpv6Message.REQUEST -> List.of(
                    Dhcpv6MessageTest.reply(Dhcpv6Message.REPLY, XID, duid, Dhcpv6MessageTest.address(3)));
            default -> List.of();
        });
        Dhcpv6Message reply = session(link).run(true, () -> { });
        assertArrayEquals(Dhcpv6MessageTest.address(3), reply.iaAddresses().get(0).address());
        // on a busy machine the 10 ms timer may fire a retransmission first: only the order matters
        assertEquals(Dhcpv6Message.SOLICIT, link.sent.get(0).type());
        Dhcpv6Message request = link.sent.get(link.sent.size() - 1);
        assertEquals(Dhcpv6Message.REQUEST, request.type());
        assertArrayEquals(Dhcpv6MessageTest.address(3), request.iaAddresses().get(0).address(),
                "the Request asks for the advertised address");
    }

    @Test
    void statelessSendsAnInformationRequest() throws Exception {
        byte[] duid = Dhcpv6MessageTest.requests().duid();
        SimulatedLink link = new SimulatedLink(m -> m.type() == Dhcpv6Message.INFORMATION_REQUEST
                ? List.of(Dhcpv6MessageTest.reply(Dhcpv6Message.REPLY, XID, duid, Dhcpv6MessageTest.address(1)))
                : List.of());
        Dhcpv6Message reply = session(link).run(false, () -> { });
        assertEquals(Dhcpv6Message.REPLY, reply.type());
        assertEquals(1, link.sent.size());
    }

    @Test
    void silenceTimesOutAfterIpxesRetries() {
        SimulatedLink link = new SimulatedLink(m -> List.of());
        JpxeException e = assertThrows(JpxeException.class, () -> session(link).run(true, () -> { }));
        assertEquals(Errno.ETIMEDOUT, e.errno());
        assertEquals(4, link.sent.size(), "sent at 0, 10, 30 and 70 ms; failed at 150 ms");
    }
}
