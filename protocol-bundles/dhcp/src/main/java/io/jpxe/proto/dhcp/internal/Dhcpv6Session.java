package io.jpxe.proto.dhcp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * One DHCPv6 exchange as iPXE's {@code net/udp/dhcpv6.c} runs it: stateful (Solicit until the first
 * usable Advertise, then Request until the Reply, RFC 8415 §18.2.1, §18.2.2) or stateless
 * (Information-request until the Reply, §18.2.6). Each state retransmits on iPXE's retry timer (1 s
 * doubling, failing past 10 s). Replies with another transaction id, without our client id, with a
 * failure status, or that do not decode are ignored. Runs on the calling thread.
 */
final class Dhcpv6Session {
    /** iPXE's DHCPv6 timer: 1 s → 10 s. */
    record Timing(Duration min, Duration max) {
        static final Timing IPXE = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /** Sends and receives DHCPv6 messages on one interface (port 546 ↔ ff02::1:2 port 547). */
    interface Link {
        void send(byte[] message) throws IOException;

        /** The next datagram within {@code nanos}, or {@code null}. */
        ByteBuffer receive(long nanos) throws IOException;
    }

    private final Link link;
    private final Dhcpv6Requests requests;
    private final int xid;
    private final Timing timing;
    private final LongSupplier clock;
    private long start;
    private boolean stateful;

    Dhcpv6Session(Link link, Dhcpv6Requests requests, int xid, Timing timing, LongSupplier nanoClock) {
        this.link = link;
        this.requests = requests;
        this.xid = xid & 0xFFFFFF;
        this.timing = timing;
        this.clock = nanoClock;
    }

    /**
     * Runs the exchange.
     *
     * @param stateful     {@code true} for an address (the router said M), {@code false} for other
     *                     configuration only (O)
     * @return the server's Reply
     * @throws JpxeException {@code ETIMEDOUT} when no server answers in time, {@code ECANCELED} on Ctrl-C
     */
    Dhcpv6Message run(boolean stateful, DhcpSession.Cancellation cancellation) throws JpxeException {
        start = clock.getAsLong();
        this.stateful = stateful;
        try {
            if (!stateful) {
                return exchange(elapsed -> requests.informationRequest(xid, elapsed), Dhcpv6Message.REPLY,
                        cancellation);
            }
            Dhcpv6Message advertise = exchange(elapsed -> requests.solicit(xid, elapsed), Dhcpv6Message.ADVERTISE,
                    cancellation);
            return exchange(elapsed -> requests.request(xid, elapsed, advertise), Dhcpv6Message.REPLY, cancellation);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "DHCPv6 failed: " + e.getMessage(), e);
        }
    }

    private interface Builder {
        Dhcpv6Message build(int elapsedCentiseconds);
    }

    private Dhcpv6Message exchange(Builder builder, int expected, DhcpSession.Cancellation cancellation)
            throws JpxeException, IOException {
        RetryTimer timer = new RetryTimer(timing.min(), timing.max(), clock.getAsLong());
        link.send(builder.build(elapsed()).encode());
        while (true) {
            long left = timer.remaining(clock.getAsLong());
            // wake at least every 100 ms so Ctrl-C is noticed promptly
            ByteBuffer datagram = left == 0 ? null : link.receive(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            cancellation.check();
            if (datagram == null) {
                long now = clock.getAsLong();
                if (timer.remaining(now) == 0) {
                    if (timer.expire(now)) {
                        throw new JpxeException(Errno.ETIMEDOUT, "");
                    }
                    link.send(builder.build(elapsed()).encode());
                }
                continue;
            }
            Optional<Dhcpv6Message> reply = accept(datagram, expected);
            if (reply.isPresent()) {
                return reply.get();
            }
        }
    }

    /** A reply to this exchange that can be used; anything else is ignored. */
    Optional<Dhcpv6Message> accept(ByteBuffer datagram, int expected) {
        Dhcpv6Message m;
        try {
            m = Dhcpv6Message.decode(datagram);
        } catch (DhcpFormatException e) {
            return Optional.empty();
        }
        boolean ours = m.type() == expected && m.xid() == xid
                && m.option(Dhcpv6Message.OPTION_CLIENTID).map(id -> Arrays.equals(id, requests.duid())).orElse(false)
                && m.option(Dhcpv6Message.OPTION_SERVERID).isPresent() && m.status() == Dhcpv6Message.STATUS_SUCCESS;
        if (!ours) {
            return Optional.empty();
        }
        // an Advertise without a usable address is no offer (NoAddrsAvail comes inside the IA)
        if (expected == Dhcpv6Message.ADVERTISE && m.iaAddresses().isEmpty()) {
            return Optional.empty();
        }
        if (expected == Dhcpv6Message.REPLY && stateful && m.iaAddresses().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(m);
    }

    private int elapsed() {
        return (int) Math.min(0xFFFF, (clock.getAsLong() - start) / 10_000_000L);
    }
}
