package io.jpxe.proto.tftp.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.jpxe.api.uri.Transfer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * One unicast TFTP read on a UDP socket and a thread of its own, which blocks in {@code recvfrom}
 * between packets, as tftp-hpa's and curl's clients do. TFTP's lock-step is one round trip per block,
 * so what the client adds to each round trip bounds the rate; a Netty event loop's pipeline added
 * about as much again as the server and the kernel took (0.5x curl's rate on loopback), a blocking
 * loop adds almost nothing. Multicast reads, which juggle several sockets, stay on Netty.
 *
 * <p>The thread only waits in the socket, for at most {@link #POLL_NANOS} at a time, so a
 * {@link #cancel} from another thread is seen within that time and still reaches the server.
 *
 * <p>Thread-safety: {@link #cancel} and {@link #completion} from any thread; the {@link TftpLink}
 * methods only on the transfer's own thread.
 */
final class UdpTftpRead implements Transfer, TftpLink {
    /** The longest wait in the socket before looking at {@link #cancelled}. */
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long NO_DEADLINE = Long.MIN_VALUE;
    /** The largest datagram TFTP sends: a 65464-byte block (RFC 2348) plus its 4-byte header, with room. */
    private static final int MAX_DATAGRAM = 65_536;

    private final URI uri;
    private final DatagramSocket socket;
    private final TftpReadSession session;
    /** Heap buffers: {@link DatagramSocket} sends from an array. */
    private final ByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
    private final byte[] receiveBuffer = new byte[MAX_DATAGRAM];
    private final DatagramPacket received = new DatagramPacket(receiveBuffer, MAX_DATAGRAM);
    private volatile JpxeException cancelled;
    private long deadline = NO_DEADLINE;
    private Throwable lastSendFailure;

    /**
     * Opens the socket and starts the transfer's thread, which resolves the server with
     * {@code resolver} (it may block: it runs on that thread) and sends the request.
     *
     * @param receiveBufferBytes the socket's {@code SO_RCVBUF}: room for a window or two
     * @param resolver           the server's address from the URI's host and port, or a
     *                           {@link JpxeException} saying why not
     */
    static UdpTftpRead start(URI uri, String filename, TftpOptions options, RetransmissionTimer timer, DataSink sink,
            int receiveBufferBytes, Resolver resolver) throws JpxeException {
        UdpTftpRead read;
        try {
            read = new UdpTftpRead(uri, filename, options, timer, sink, receiveBufferBytes);
        } catch (SocketException e) {
            throw TftpFailures.io(uri, "cannot open a UDP socket", e);
        }
        Thread.ofPlatform().daemon().name("jpxe-tftp " + uri.getHost()).start(() -> read.run(resolver));
        return read;
    }

    /** How the transfer's thread finds the server. */
    @FunctionalInterface
    interface Resolver {
        InetSocketAddress resolve() throws JpxeException;
    }

    private UdpTftpRead(URI uri, String filename, TftpOptions options, RetransmissionTimer timer, DataSink sink,
            int receiveBufferBytes) throws SocketException {
        this.uri = uri;
        this.socket = new DatagramSocket(0);
        try {
            socket.setReceiveBufferSize(receiveBufferBytes);
        } catch (SocketException e) {
            socket.close();
            throw e;
        }
        this.session = new TftpReadSession(uri, filename, options, timer, new CoalescingSink(sink), this);
    }

    @Override
    public CompletionStage<Long> completion() {
        return session.completion().minimalCompletionStage();
    }

    @Override
    public void cancel(JpxeException reason) {
        cancelled = reason != null ? reason : new JpxeException(Errno.ECANCELED, "transfer cancelled");
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
                long now = nanoTime();
                if (deadline != NO_DEADLINE && now - deadline >= 0) {
                    deadline = NO_DEADLINE;
                    session.onTimeout();
                    continue;
                }
                long wait = deadline == NO_DEADLINE ? POLL_NANOS : Math.min(POLL_NANOS, deadline - now);
                receiveOne(wait);
            }
        } catch (RuntimeException e) {
            session.fail(TftpFailures.io(uri, "the transfer's thread failed", e));
        } finally {
            socket.close();
        }
    }

    /** Waits up to {@code waitNanos} for one datagram and hands it to the session. */
    private void receiveOne(long waitNanos) {
        try {
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
            received.setLength(MAX_DATAGRAM);
            socket.receive(received);
        } catch (SocketTimeoutException quiet) {
            return;
        } catch (IOException e) {
            if (socket.isClosed()) {
                session.linkClosed();
            } else {
                session.linkFailed(e);
            }
            return;
        }
        if (!(received.getSocketAddress() instanceof InetSocketAddress sender)) {
            return;
        }
        // The payload is a view of the receive buffer: the session stores it before the next receive.
        ByteBuf datagram = Unpooled.wrappedBuffer(receiveBuffer, 0, received.getLength());
        session.receive(TftpDecoder.decode(datagram), sender);
    }

    @Override
    public void send(TftpPacket packet, InetSocketAddress to) {
        ByteBuf wire = TftpEncoder.encode(alloc, packet);
        try {
            socket.send(new DatagramPacket(wire.array(), wire.arrayOffset() + wire.readerIndex(),
                    wire.readableBytes(), to));
            lastSendFailure = null;
        } catch (IOException e) {
            lastSendFailure = e;
        } finally {
            wire.release();
        }
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void arm(long delayNanos) {
        deadline = nanoTime() + delayNanos;
    }

    @Override
    public void disarm() {
        deadline = NO_DEADLINE;
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public Throwable lastSendFailure() {
        return lastSendFailure;
    }
}
