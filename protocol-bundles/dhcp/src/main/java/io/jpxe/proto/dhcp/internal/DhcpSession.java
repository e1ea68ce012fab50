package io.jpxe.proto.dhcp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * One DHCPv4 exchange as iPXE's {@code net/udp/dhcp.c} runs it: DISCOVER with a 1 → 10 s retry
 * timer, offer selection by 175.1 priority, waiting up to 2 s after the start for a ProxyDHCP offer
 * unless the offer carries 175.176 or a ProxyDHCP offer already came, then REQUEST (0 → 10 s) until
 * the chosen server ACKs. Replies with another xid or MAC, from other ports, NAKs and packets that
 * do not decode are ignored. Runs on the calling (script or virtual) thread; packets arrive from the
 * device's receive thread through a queue.
 */
final class DhcpSession {
    /**
     * The retry schedule ({@code config/dhcp.h}).
     *
     * @param discoverMin first DISCOVER timeout
     * @param discoverMax DISCOVER timeout ceiling (exceeding it fails)
     * @param requestMin  first REQUEST timeout (0 = a quarter second)
     * @param requestMax  REQUEST timeout ceiling
     * @param proxyWait   how long after the start to wait for a ProxyDHCP offer
     */
    record Timing(Duration discoverMin, Duration discoverMax, Duration requestMin, Duration requestMax,
            Duration proxyWait) {
        /** iPXE's values: 1 → 10 s, 0 → 10 s, 2 s. */
        static final Timing IPXE = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ZERO,
                Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    static final int CLIENT_PORT = 68;
    static final int SERVER_PORT = 67;
    static final int PXE_PORT = 4011;
    private static final long PRIORITY_TAG_OPTION = 175;
    private static final int EB_PRIORITY = 1;
    private static final int EB_NO_PXEDHCP = 176;

    /** The outcome: the ACK and, if one came, the ProxyDHCP offer. */
    record Lease(DhcpPacket ack, Optional<DhcpPacket> proxyOffer) {
    }

    /** Checked between waits so Ctrl-C ends the session. */
    interface Cancellation {
        void check() throws JpxeException;
    }

    /**
     * Applies the ACK before a ProxyDHCPREQUEST goes out: the ProxyDHCP server answers the leased
     * address, so the host must own it (and answer ARP for it) by then.
     */
    interface LeaseListener {
        void acknowledged(DhcpPacket ack) throws JpxeException;
    }

    private record Received(DhcpPacket packet, int sourcePort, byte[] sourceMac) {
    }

    private final FrameLink link;
    private final DhcpRequests requests;
    private final int xid;
    private final LongSupplier clock;
    private final Timing timing;
    private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>(64);

    DhcpSession(FrameLink link, DhcpRequests requests, int xid, Timing timing, LongSupplier nanoClock) {
        this.link = link;
        this.timing = timing;
        this.requests = requests;
        this.xid = xid;
        this.clock = nanoClock;
    }

    Lease run(Cancellation cancellation, LeaseListener listener) throws JpxeException {
        try (AutoCloseable subscription = link.receive(this::onFrame)) {
            return exchange(cancellation, listener);
        } catch (JpxeException e) {
            throw e;
        } catch (Exception e) {
            throw new JpxeException(Errno.EIO, "DHCP on the device failed: " + e.getMessage(), e);
        }
    }

    private Lease exchange(Cancellation cancellation, LeaseListener listener) throws JpxeException, IOException, InterruptedException {
        long start = clock.getAsLong();
        DhcpPacket offer = null;
        int offerPriority = Integer.MIN_VALUE;
        boolean noPxeDhcp = false;
        DhcpPacket proxy = null;
        byte[] proxyMac = null;
        int proxyPriority = Integer.MIN_VALUE;
        RetryTimer timer = new RetryTimer(timing.discoverMin(), timing.discoverMax(), start);
        send(requests.discover(xid));
        while (true) {
            long now = clock.getAsLong();
            long proxyWaitLeft = start + timing.proxyWait().toNanos() - now;
            if (offer != null && (noPxeDhcp || proxy != null || proxyWaitLeft < 0)) {
                break;
            }
            long wait = timer.remaining(now);
            if (offer != null) {
                wait = Math.min(wait, proxyWaitLeft + 1);
            }
            Received r = poll(wait, cancellation);
            if (r == null) {
                now = clock.getAsLong();
                if (timer.remaining(now) == 0) {
                    if (timer.expire(now)) {
                        throw timedOut();
                    }
                    send(requests.discover(xid));
                }
                continue;
            }
            DhcpPacket p = r.packet();
            int type = p.messageType();
            int priority = priority(p);
            Optional<byte[]> serverId = p.serverId();
            if (!DhcpPacket.isZero(p.yiaddr()) && r.sourcePort() == SERVER_PORT
                    && (type == DhcpPacket.DHCPOFFER || type == 0) && priority > offerPriority) {
                offer = p;
                offerPriority = priority;
                noPxeDhcp = p.options().encapsulated((int) PRIORITY_TAG_OPTION, EB_NO_PXEDHCP).isPresent();
            }
            if (serverId.isPresent() && isPxeClient(p) && type == DhcpPacket.DHCPOFFER && priority >= proxyPriority) {
                proxy = p;
                proxyMac = r.sourceMac();
                proxyPriority = priority;
            }
        }
        DhcpPacket ack = request(offer, cancellation);
        listener.acknowledged(ack);
        if (proxy == null || proxy == offer) {
            return new Lease(ack, Optional.empty());
        }
        return new Lease(ack, Optional.of(proxyRequest(ack, proxy, proxyMac, cancellation).orElse(proxy)));
    }

    /**
     * iPXE's ProxyDHCPREQUEST: a DHCPREQUEST from the leased address to the ProxyDHCP server's port
     * 4011 (0 → 10 s); its ACK replaces the offer, and when none comes the offer is used as it is.
     */
    private Optional<DhcpPacket> proxyRequest(DhcpPacket ack, DhcpPacket proxy, byte[] proxyMac,
            Cancellation cancellation) throws JpxeException, IOException, InterruptedException {
        byte[] server = proxy.serverId().orElseThrow();
        byte[] ip = ack.yiaddr();
        DhcpPacket request = requests.proxyRequest(xid, ip, server);
        RetryTimer timer = new RetryTimer(timing.requestMin(), timing.requestMax(), clock.getAsLong());
        sendProxy(request, ip, server, proxyMac);
        while (true) {
            Received r = poll(timer.remaining(clock.getAsLong()), cancellation);
            if (r == null) {
                if (timer.expire(clock.getAsLong())) {
                    return Optional.empty();
                }
                sendProxy(request, ip, server, proxyMac);
                continue;
            }
            DhcpPacket p = r.packet();
            if (p.messageType() == DhcpPacket.DHCPACK && isPxeClient(p)
                    && p.serverId().map(id -> Arrays.equals(id, server)).orElse(false)) {
                return Optional.of(p);
            }
        }
    }

    private void sendProxy(DhcpPacket packet, byte[] ip, byte[] server, byte[] serverMac) throws IOException {
        link.send(UdpFrames.build(link.mac(), serverMac, ip, server, CLIENT_PORT, PXE_PORT, packet.encode()));
    }

    private DhcpPacket request(DhcpPacket offer, Cancellation cancellation)
            throws JpxeException, IOException, InterruptedException {
        byte[] server = offer.serverId().orElse(null);
        DhcpPacket request = requests.request(xid, offer.yiaddr(), server);
        if (offer.messageType() == 0) {
            return offer; // BOOTP: the reply is the lease
        }
        RetryTimer timer = new RetryTimer(timing.requestMin(), timing.requestMax(), clock.getAsLong());
        send(request);
        while (true) {
            Received r = poll(timer.remaining(clock.getAsLong()), cancellation);
            if (r == null) {
                if (timer.expire(clock.getAsLong())) {
                    throw timedOut();
                }
                send(request);
                continue;
            }
            DhcpPacket p = r.packet();
            boolean fromServer = server == null || p.serverId().map(id -> Arrays.equals(id, server)).orElse(false);
            if (r.sourcePort() == SERVER_PORT && p.messageType() == DhcpPacket.DHCPACK && fromServer
                    && !DhcpPacket.isZero(p.yiaddr())) {
                return p;
            }
        }
    }

    /** The next reply within {@code nanos}, or {@code null} when that time has passed. */
    private Received poll(long nanos, Cancellation cancellation) throws JpxeException, InterruptedException {
        long deadline = clock.getAsLong() + nanos;
        while (true) {
            long left = deadline - clock.getAsLong();
            if (left <= 0) {
                return null;
            }
            // wake at least every 100 ms so Ctrl-C is noticed promptly
            Received r = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            cancellation.check();
            if (r != null) {
                return r;
            }
        }
    }

    private void send(DhcpPacket packet) throws IOException {
        link.send(UdpFrames.build(link.mac(), UdpFrames.BROADCAST_MAC, UdpFrames.ANY, UdpFrames.BROADCAST_IP,
                CLIENT_PORT, SERVER_PORT, packet.encode()));
    }

    /** Receive-thread side: keeps only well-formed replies to this exchange. */
    void onFrame(ByteBuffer frame) {
        UdpFrames.Datagram d = UdpFrames.parse(frame);
        if (d == null || d.destinationPort() != CLIENT_PORT
                || (d.sourcePort() != SERVER_PORT && d.sourcePort() != PXE_PORT)) {
            return;
        }
        try {
            DhcpPacket p = DhcpPacket.decode(d.payload());
            if (p.op() == DhcpPacket.BOOTREPLY && p.xid() == xid && Arrays.equals(p.chaddr(), link.mac())) {
                queue.offer(new Received(p, d.sourcePort(), d.sourceMac()));
            }
        } catch (DhcpFormatException e) {
            // a malformed reply is ignored, as iPXE ignores it (RFC 2131 leaves it to the client)
        }
    }

    static int priority(DhcpPacket p) {
        return p.options().encapsulated((int) PRIORITY_TAG_OPTION, EB_PRIORITY)
                .filter(v -> v.length == 1).map(v -> (int) v[0]).orElse(0);
    }

    static boolean isPxeClient(DhcpPacket p) {
        return p.options().get(60).map(v -> v.length >= 9
                && new String(v, 0, 9, java.nio.charset.StandardCharsets.US_ASCII).equals("PXEClient")).orElse(false);
    }

    private static JpxeException timedOut() {
        return new JpxeException(Errno.ETIMEDOUT, "");
    }
}
