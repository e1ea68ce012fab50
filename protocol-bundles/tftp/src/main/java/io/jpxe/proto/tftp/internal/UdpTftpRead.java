package io.jpxe.proto.tftp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.jpxe.api.uri.Transfer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One unicast TFTP read on a UDP socket and a thread of its own, which blocks in {@code recvfrom}
 * between packets, as tftp-hpa's and curl's clients do. TFTP's lock-step is one round trip per block,
 * so what the client adds to each round trip bounds the rate: a Netty event loop's pipeline added
 * about as much again as the server and the kernel took (0.5x curl's rate on loopback), and even a
 * receive with a timeout (a failed {@code recvfrom}, a {@code poll}, a second {@code recvfrom})
 * cost a third more than a plain blocking one. Multicast reads, which juggle several sockets, stay on
 * Netty.
 *
 * <p>So the receive never times out. A watchdog thread, asleep almost all the time, wakes it when the
 * retransmission alarm is due or the transfer is cancelled, by sending it an empty datagram from a
 * loopback socket of its own; the receiving thread tells that sender from the server and never
 * hands its datagrams to the session.
 *
 * <p>Thread-safety: {@link #cancel} and {@link #completion} from any thread; the {@link TftpLink}
 * methods only on the transfer's own thread.
 */
final class UdpTftpRead implements Transfer, TftpLink {
    /** How often the watchdog looks at an alarm that was disarmed (one armed is waited for exactly). */
    static final long WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long NO_DEADLINE = Long.MIN_VALUE;
    /** The largest datagram TFTP sends: a 65464-byte block (RFC 2348) plus its 4-byte header, with room. */
    private static final int MAX_DATAGRAM = 65_536;
    /** Opcode and block number (RFC 1350 §5). */
    private static final int DATA_HEADER = 4;

    private final URI uri;
    private final DatagramChannel channel;
    /** Sends the wake-up datagrams; its address is how they are told from the server's. */
    private final DatagramChannel waker;
    private final InetSocketAddress wakeTarget;
    private final InetSocketAddress wakerAddress;
    private final TftpReadSession session;
    private final ByteBuffer received = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    /**
     * A DATA block's payload as the session sees it: a read-only view of {@link #received}, made once.
     * What a block costs in the client's own code shows in lock-step's rate (a JVM that runs C1 code
     * only, as jPXE's does, allocates and checks what C2 would not), so DATA skips the decoder.
     */
    private final ByteBuffer payloadView = received.asReadOnlyBuffer();
    /**
     * {@link #received} as a ByteBuf for the decoder of every other packet. Not reference-counted:
     * the buffer lives as long as the transfer.
     */
    private final ByteBuf receivedView = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(received.duplicate().clear()));
    /**
     * What is sent next, reused for every packet (an ACK per block or window): a direct buffer goes to
     * the socket without a copy. Grows for a long request; 516 bytes hold any ACK or ERROR we send.
     * Made once the sockets are open, released when the transfer's thread ends.
     */
    private final ByteBuf outgoing;
    private volatile JpxeException cancelled;
    /** When the alarm is due ({@link System#nanoTime()}), or {@link #NO_DEADLINE}; read by the watchdog. */
    private volatile long deadline = NO_DEADLINE;
    private volatile boolean ended;
    private Throwable lastSendFailure;

    /**
     * Opens the socket and starts the transfer's thread, which resolves the server with
     * {@code resolver} (it may block: it runs on that thread) and sends the request.
     *
     * @param receiveBufferBytes the socket's {@code SO_RCVBUF}: room for a window or two
     * @param resolver           the server's address from the URI's host and port, or a
     *                           {@link JpxeException} saying why not
     * @throws JpxeException when no UDP socket can be opened
     */
    static UdpTftpRead start(URI uri, String filename, TftpOptions options, RetransmissionTimer timer, DataSink sink,
            int receiveBufferBytes, Resolver resolver) throws JpxeException {
        UdpTftpRead read;
        try {
            read = new UdpTftpRead(uri, filename, options, timer, sink, receiveBufferBytes);
        } catch (IOException e) {
            throw TftpFailures.io(uri, "cannot open a UDP socket", e);
        }
        String name = "jpxe-tftp " + uri.getHost();
        Thread.ofPlatform().daemon().name(name).start(() -> read.run(resolver));
        Thread.ofPlatform().daemon().name(name + " watchdog").start(read::watch);
        return read;
    }

    /** How the transfer's thread finds the server. */
    @FunctionalInterface
    interface Resolver {
        InetSocketAddress resolve() throws JpxeException;
    }

    private UdpTftpRead(URI uri, String filename, TftpOptions options, RetransmissionTimer timer, DataSink sink,
            int receiveBufferBytes) throws IOException {
        this.uri = uri;
        this.channel = DatagramChannel.open();
        DatagramChannel wakeSocket = null;
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            channel.bind(new InetSocketAddress(0));
            wakeSocket = DatagramChannel.open();
            wakeSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            channel.close();
            if (wakeSocket != null) {
                wakeSocket.close();
            }
            throw e;
        }
        this.waker = wakeSocket;
        this.wakerAddress = (InetSocketAddress) waker.getLocalAddress();
        this.wakeTarget = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                ((InetSocketAddress) channel.getLocalAddress()).getPort());
        this.outgoing = Unpooled.directBuffer(516);
        this.session = new TftpReadSession(uri, filename, options, timer, new CoalescingSink(sink), this);
    }

    @Override
    public CompletionStage<Long> completion() {
        return session.completion().minimalCompletionStage();
    }

    @Override
    public void cancel(JpxeException reason) {
        cancelled = reason != null ? reason : new JpxeException(Errno.ECANCELED, "transfer cancelled");
        wake();
    }

    private void run(Resolver resolver) {
        try {
            InetSocketAddress server;
            try {
                server = resolver.resolve();
            } catch (JpxeException e) {
                session.fail(e);
                return;
            }
            session.start(server);
            while (!session.ended()) {
                JpxeException reason = cancelled;
                if (reason != null) {
                    session.cancel(reason);
                    return;
                }
                long due = deadline;
                if (due != NO_DEADLINE && System.nanoTime() - due >= 0) {
                    deadline = NO_DEADLINE;
                    session.onTimeout();
                    continue;
                }
                receiveOne();
            }
        } catch (RuntimeException e) {
            session.fail(TftpFailures.io(uri, "the transfer's thread failed", e));
        } finally {
            ended = true;
            closeQuietly(channel);
            closeQuietly(waker);
            outgoing.release();
        }
    }

    /** Blocks for one datagram and hands it to the session, unless it is the watchdog's. */
    private void receiveOne() {
        InetSocketAddress sender;
        try {
            received.clear();
            sender = (InetSocketAddress) channel.receive(received);
        } catch (ClosedChannelException e) {
            session.linkClosed();
            return;
        } catch (IOException e) {
            session.linkFailed(e);
            return;
        }
        if (sender == null || isWakeUp(sender)) {
            return; // the loop looks at the alarm and at cancel
        }
        // Payloads are views of the receive buffer: the session stores them before the next receive.
        int length = received.position();
        if (length >= DATA_HEADER && (received.getShort(0) & 0xFFFF) == TftpPacket.OPCODE_DATA) {
            session.receiveData(received.getShort(2) & 0xFFFF, payloadView.limit(length).position(DATA_HEADER), sender);
        } else {
            session.receive(TftpDecoder.decode(receivedView.setIndex(0, length)), sender);
        }
    }

    private boolean isWakeUp(InetSocketAddress sender) {
        return sender.getPort() == wakerAddress.getPort() && sender.getAddress().isLoopbackAddress();
    }

    /** The watchdog's loop: sleeps until the alarm is due, then wakes the receiving thread once. */
    private void watch() {
        long wokenFor = NO_DEADLINE;
        while (!ended) {
            long due = deadline;
            long now = System.nanoTime();
            if (due == NO_DEADLINE || due == wokenFor) {
                LockSupport.parkNanos(WATCH_NANOS);
            } else if (now - due >= 0) {
                wokenFor = due;
                wake();
            } else {
                LockSupport.parkNanos(Math.min(due - now, WATCH_NANOS));
            }
        }
    }

    /** An empty datagram to the transfer's socket: its blocking receive returns. */
    private void wake() {
        try {
            waker.send(ByteBuffer.allocate(0), wakeTarget);
        } catch (IOException ended) {
            // the transfer closed its sockets: nobody is waiting any more
        }
    }

    @Override
    public void send(TftpPacket packet, InetSocketAddress to) {
        TftpEncoder.writeTo(outgoing.clear(), packet);
        try {
            channel.send(outgoing.internalNioBuffer(0, outgoing.readableBytes()), to);
            lastSendFailure = null;
        } catch (IOException e) {
            lastSendFailure = e;
        }
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void arm(long delayNanos) {
        deadline = System.nanoTime() + delayNanos;
    }

    @Override
    public void disarm() {
        deadline = NO_DEADLINE;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    @Override
    public Throwable lastSendFailure() {
        return lastSendFailure;
    }

    private static void closeQuietly(DatagramChannel socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a UDP socket has nothing to flush
        }
    }
}
