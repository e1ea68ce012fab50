package io.jpxe.proto.tftp.internal;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

import io.netty.channel.AddressedEnvelope;
import io.netty.channel.DefaultAddressedEnvelope;

/**
 * A {@link TftpLink} for driving a {@link TftpReadSession} packet by packet: it queues what the
 * session sends and keeps a clock that only moves when told, with the method names of Netty's
 * {@code EmbeddedChannel} the session's tests were first written against.
 */
final class TestLink implements TftpLink {
    private static final long NO_DEADLINE = Long.MIN_VALUE;

    private final Queue<AddressedEnvelope<TftpPacket, InetSocketAddress>> sent = new ArrayDeque<>();
    private TftpReadSession session;
    private long now;
    private long deadline = NO_DEADLINE;
    private boolean open = true;

    void attach(TftpReadSession session) {
        this.session = session;
    }

    @Override
    public void send(TftpPacket packet, InetSocketAddress to) {
        if (!open) {
            throw new AssertionError("sent " + packet + " after the link was closed");
        }
        sent.add(new DefaultAddressedEnvelope<>(packet, to));
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void arm(long delayNanos) {
        deadline = now + delayNanos;
    }

    @Override
    public void disarm() {
        deadline = NO_DEADLINE;
    }

    @Override
    public void close() {
        open = false;
        deadline = NO_DEADLINE;
    }

    @Override
    public Throwable lastSendFailure() {
        return null;
    }

    /** The oldest packet sent and not yet read, or {@code null}. */
    AddressedEnvelope<TftpPacket, InetSocketAddress> readOutbound() {
        return sent.poll();
    }

    void advanceTimeBy(long amount, TimeUnit unit) {
        now += unit.toNanos(amount);
    }

    /** Fires the alarm if it is due. */
    void runScheduledPendingTasks() {
        if (deadline != NO_DEADLINE && now - deadline >= 0) {
            deadline = NO_DEADLINE;
            session.onTimeout();
        }
    }

    /** Delivers a packet, first firing an alarm that is due (as a socket's thread would). */
    void writeInbound(TftpPacket packet, InetSocketAddress from) {
        runScheduledPendingTasks();
        if (open) {
            session.receive(packet, from);
        }
    }

    /** The socket closes under the session. */
    void closeUnderneath() {
        if (open) {
            open = false;
            session.linkClosed();
        }
    }

    boolean isOpen() {
        return open;
    }

    /** Whether packets are still waiting to be read. */
    boolean finish() {
        return !sent.isEmpty();
    }
}
