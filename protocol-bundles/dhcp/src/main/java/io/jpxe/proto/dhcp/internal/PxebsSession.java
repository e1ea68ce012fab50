package io.jpxe.proto.dhcp.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * One PXE Boot Server Discovery as iPXE's {@code dhcp_state_pxebs} runs it: a DHCPREQUEST with the
 * server type in 43.71 to each address of the plan in turn (broadcast to port 67, anything else to
 * 4011) on the 1 → 10 s timer, moving to the next address once 3 s have passed; the first DHCPACK
 * from port 67 or 4011 with our xid and MAC, the same type in 43.71 and an accepted server wins.
 * Requests leave through the Linux stack from the leased address (which picks the interface and
 * resolves the server's MAC); answers are read as raw frames, since broadcast ones reach no socket.
 */
final class PxebsSession {
    /** iPXE's values ({@code config/dhcp.h}): 1 → 10 s per request, 3 s per server. */
    record Timing(Duration min, Duration max, Duration perServer) {
        static final Timing IPXE = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(3));
    }

    /** Sends one UDP datagram from the leased address, port 68. */
    interface Sender {
        void send(byte[] destination, int port, byte[] payload) throws IOException;
    }

    private final FrameLink link;
    private final Sender sender;
    private final DhcpRequests requests;
    private final int xid;
    private final Timing timing;
    private final LongSupplier clock;
    private final BlockingQueue<UdpFrames.Datagram> queue = new LinkedBlockingQueue<>(64);

    PxebsSession(FrameLink link, Sender sender, DhcpRequests requests, int xid, Timing timing, LongSupplier clock) {
        this.link = link;
        this.sender = sender;
        this.requests = requests;
        this.xid = xid;
        this.timing = timing;
        this.clock = clock;
    }

    /**
     * @throws JpxeException {@code EINVAL} when the plan has no address, {@code ETIMEDOUT} when no boot
     *                       server of the type answers
     */
    DhcpPacket run(PxeBootServers plan, byte[] clientIp, int type, DhcpSession.Cancellation cancellation)
            throws JpxeException {
        if (plan.attempts().isEmpty()) {
            throw new JpxeException(Errno.EINVAL, "no PXE boot servers for type " + type);
        }
        byte[] request = requests.pxebsRequest(xid, clientIp, type).encode();
        try (AutoCloseable subscription = link.receive(frame -> {
            UdpFrames.Datagram d = UdpFrames.parse(frame);
            if (d != null && d.destinationPort() == DhcpSession.CLIENT_PORT) {
                queue.offer(d);
            }
        })) {
            for (byte[] server : plan.attempts()) {
                DhcpPacket ack = ask(server, request, plan, type, cancellation);
                if (ack != null) {
                    return ack;
                }
            }
        } catch (JpxeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JpxeException(Errno.ECANCELED, "");
        } catch (Exception e) {
            throw new JpxeException(Errno.EIO, "PXE boot server discovery failed: " + e.getMessage(), e);
        }
        throw new JpxeException(Errno.ETIMEDOUT, "");
    }

    /** Asks one address until it answers or its time is up ({@code null}). */
    private DhcpPacket ask(byte[] server, byte[] request, PxeBootServers plan, int type,
            DhcpSession.Cancellation cancellation) throws JpxeException, IOException, InterruptedException {
        long start = clock.getAsLong();
        int port = Arrays.equals(server, PxeBootServers.BROADCAST) ? DhcpSession.SERVER_PORT : DhcpSession.PXE_PORT;
        RetryTimer timer = new RetryTimer(timing.min(), timing.max(), start);
        sender.send(server, port, request);
        while (true) {
            long wait = Math.min(timer.remaining(clock.getAsLong()), TimeUnit.MILLISECONDS.toNanos(100));
            UdpFrames.Datagram d = wait == 0 ? null : queue.poll(wait, TimeUnit.NANOSECONDS);
            cancellation.check();
            if (d != null) {
                DhcpPacket ack = accept(d, plan, type);
                if (ack != null) {
                    return ack;
                }
                continue;
            }
            long now = clock.getAsLong();
            if (timer.remaining(now) == 0) {
                if (now - start > timing.perServer().toNanos() || timer.expire(now)) {
                    return null;
                }
                sender.send(server, port, request);
            }
        }
    }

    /** The datagram as an acceptable Boot Server ACK, else {@code null}. */
    DhcpPacket accept(UdpFrames.Datagram d, PxeBootServers plan, int type) {
        if (d.sourcePort() != DhcpSession.SERVER_PORT && d.sourcePort() != DhcpSession.PXE_PORT) {
            return null;
        }
        DhcpPacket p;
        try {
            p = DhcpPacket.decode(d.payload());
        } catch (DhcpFormatException e) {
            return null;
        }
        if (p.op() != DhcpPacket.BOOTREPLY || p.xid() != xid || !Arrays.equals(p.chaddr(), link.mac())
                || p.messageType() != DhcpPacket.DHCPACK) {
            return null;
        }
        int answered = p.options().encapsulated(DhcpRequests.PXE_VENDOR_OPTIONS, DhcpRequests.PXE_BOOT_MENU_ITEM)
                .filter(v -> v.length >= 2).map(v -> ((v[0] & 0xFF) << 8) | (v[1] & 0xFF)).orElse(0);
        if (answered != type) {
            return null;
        }
        // iPXE's pseudo server id: option 54, else siaddr, else the sender
        byte[] pseudoId = p.serverId().filter(id -> !DhcpPacket.isZero(id))
                .orElse(DhcpPacket.isZero(p.siaddr()) ? d.sourceIp() : p.siaddr());
        return plan.accepts(pseudoId) ? p : null;
    }
}
