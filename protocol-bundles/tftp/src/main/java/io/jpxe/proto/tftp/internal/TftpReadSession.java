package io.jpxe.proto.tftp.internal;

import java.io.Flushable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.netty.util.ReferenceCountUtil;

/**
 * The state machine of one TFTP read: RFC 1350 (lock-step DATA/ACK, TIDs, §4 errors), RFC 2347,
 * 2348 and 2349 (option negotiation, {@code blksize}, {@code tsize}), RFC 7440 ({@code windowsize})
 * and RFC 1123 §4.2.3.1 (no Sorcerer's Apprentice: duplicates are re-ACKed, never answered with
 * anything else).
 *
 * <p>With a window of W blocks the server sends W blocks per ACK; the handler acknowledges the last
 * block of each window, and on a gap (a lost or reordered block) acknowledges the last block it has
 * in order, once, so the server resends from there (RFC 7440 §4). A window of 1 is RFC 1350
 * lock-step.
 *
 * <p>Block numbers wrap from 65535 to 0; the handler counts blocks in a {@code long}, so files of
 * any size arrive. The first block shorter than the block size ends the file. Silence is answered
 * by retransmitting the RRQ or the last ACK, paced by a {@link RetransmissionTimer} that learns the
 * round-trip time from answers to packets sent once.
 *
 * <p>The session knows nothing of sockets: a {@link TftpLink} sends, keeps time and the one
 * retransmission alarm, and feeds it what arrives ({@link UdpTftpRead} on a socket of its own).
 *
 * <p>Threading: not thread-safe; every method runs on the link's one thread. Buffers: each packet
 * given to {@link #receive} is released here; the {@link DataSink} sees a read-only view of a
 * payload only during its call. When the transfer ends the link is closed, and only then does
 * {@link #completion()} complete.
 */
final class TftpReadSession {

    private enum Phase { IDLE, REQUESTED, TRANSFERRING, DONE }

    private final URI uri;
    private final String filename;
    private final TftpOptions options;
    private final RetransmissionTimer timer;
    private final DataSink sink;
    private final CompletableFuture<Long> completion = new CompletableFuture<>();
    private final TftpLink link;

    private Phase phase = Phase.IDLE;
    private InetSocketAddress server;
    /** The server's TID: fixed by its first reply (RFC 1350 §4). */
    private InetSocketAddress peer;
    private boolean optionsAcknowledged;
    private int blksize = TftpOptions.DEFAULT_BLKSIZE;
    private int windowsize = 1;
    /** Index (from 1, never wrapping) of the block expected next. */
    private long nextBlock = 1;
    /** In-order blocks received since the last ACK sent. */
    private int blocksSinceAck;
    /** A gap or duplicate was already answered since the last in-order block (window > 1). */
    private boolean stallAnswered;
    /** When the gap was last answered ({@link #now()}). */
    private long stallAnsweredAt;
    private TftpPacket awaitingAnswer;
    private InetSocketAddress awaitingAnswerFrom;

    TftpReadSession(URI uri, String filename, TftpOptions options, RetransmissionTimer timer, DataSink sink,
            TftpLink link) {
        this.uri = uri;
        this.filename = filename;
        this.options = options;
        this.timer = timer;
        this.sink = sink;
        this.link = link;
    }

    /** Completes with the file size once the last block is acknowledged, or with a {@link JpxeException}. */
    CompletableFuture<Long> completion() {
        return completion;
    }

    /** Whether the transfer has ended (the link is closed). */
    boolean ended() {
        return phase == Phase.DONE;
    }

    /** Sends the read request to {@code server} (port 69 or the URI's). Ignored once started or ended. */
    void start(InetSocketAddress server) {
        if (phase != Phase.IDLE) {
            return;
        }
        this.server = server;
        phase = Phase.REQUESTED;
        sendAndAwait(TftpPacket.Request.read(filename, options.request()), server);
    }

    /** Aborts: tells the server (ERROR 0) if it has answered, closes the channel, fails with {@code reason}. */
    void cancel(JpxeException reason) {
        if (phase != Phase.DONE && peer != null) {
            send(new TftpPacket.Error(TftpPacket.ERROR_NOT_DEFINED, "Transfer cancelled"), peer);
        }
        finish(-1, reason);
    }

    /** Ends the transfer with {@code failure} without telling the server (socket or name lookup failed). */
    void fail(JpxeException failure) {
        finish(-1, failure);
    }

    /** The socket closed under the transfer (not by {@link #finish}). */
    void linkClosed() {
        finish(-1, new JpxeException(Errno.ECONNABORTED, uri + ": socket closed before the transfer ended"));
    }

    /** The socket failed to receive. */
    void linkFailed(Throwable cause) {
        finish(-1, TftpFailures.io(uri, "socket error", cause));
    }

    /** Takes one packet from {@code sender}, and releases it. */
    void receive(TftpPacket packet, InetSocketAddress sender) {
        try {
            handle(packet, sender);
        } finally {
            if (packet instanceof TftpPacket.Data data) {
                ReferenceCountUtil.release(data.content());
            }
        }
    }

    /**
     * Takes one DATA packet, block number {@code block} (as on the wire) and its {@code payload}, a
     * read-only view valid only during the call. The link hands DATA here straight from its receive
     * buffer: in lock-step every block's round trip waits for this method's ACK, so nothing is
     * allocated or decoded for it first.
     */
    void receiveData(int block, ByteBuffer payload, InetSocketAddress sender) {
        if (accepts(sender, true)) {
            onData(block & 0xFFFF, payload);
        }
    }

    /** Whether a packet from {@code sender} is the server's to handle now; tells a stranger so. */
    private boolean accepts(InetSocketAddress sender, boolean answerStranger) {
        if (phase == Phase.IDLE || phase == Phase.DONE) {
            return false;
        }
        if (sender.equals(peer) || fromServer(sender)) {
            return true;
        }
        // RFC 1350 §4: tell the stranger, carry on. Never answer an error with an error.
        if (answerStranger) {
            send(new TftpPacket.Error(TftpPacket.ERROR_UNKNOWN_TID, "Unknown transfer ID"), sender);
        }
        return false;
    }

    private void handle(TftpPacket packet, InetSocketAddress sender) {
        if (!accepts(sender, !(packet instanceof TftpPacket.Error))) {
            return;
        }
        switch (packet) {
            case TftpPacket.OptionAck oack -> onOptionAck(oack);
            case TftpPacket.Data data -> onData(data.block(), data.content().nioBuffer().asReadOnlyBuffer());
            case TftpPacket.Error error -> finish(-1, TftpFailures.serverError(uri, error));
            case TftpPacket.Malformed malformed -> illegal("malformed packet (" + malformed.reason() + ")");
            case TftpPacket.Ack ack -> illegal("unexpected ACK " + ack.block());
            case TftpPacket.Request request -> illegal("unexpected " + (request.write() ? "WRQ" : "RRQ"));
        }
    }

    private boolean fromServer(InetSocketAddress sender) {
        if (peer == null && sameHost(sender.getAddress(), server.getAddress())) {
            peer = sender;
        }
        return peer != null && sender.getPort() == peer.getPort() && sameHost(sender.getAddress(), peer.getAddress());
    }

    private void onOptionAck(TftpPacket.OptionAck oack) {
        if (phase == Phase.TRANSFERRING) {
            if (optionsAcknowledged && nextBlock == 1) {
                send(new TftpPacket.Ack(0), peer); // our ACK 0 was lost
            }
            return;
        }
        TftpOptions.Negotiated negotiated;
        try {
            negotiated = options.accept(oack.options());
        } catch (TftpOptions.Rejected e) {
            send(new TftpPacket.Error(TftpPacket.ERROR_OPTION_NEGOTIATION, "Option negotiation failed: " + e.getMessage()),
                    peer);
            finish(-1, TftpFailures.protocol(uri, "server's options refused: " + e.getMessage()));
            return;
        }
        optionsAcknowledged = true;
        phase = Phase.TRANSFERRING;
        blksize = negotiated.blksize();
        windowsize = negotiated.windowsize();
        if (negotiated.tsize() >= 0) {
            try {
                sink.expectedSize(negotiated.tsize());
            } catch (RuntimeException e) {
                abortForSink("cannot take a file of " + negotiated.tsize() + " bytes", e);
                return;
            }
        }
        answered();
        sendAndAwait(new TftpPacket.Ack(0), peer);
    }

    private void onData(int block, ByteBuffer payload) {
        if (phase == Phase.REQUESTED) {
            if (block != 1) {
                return;
            }
            phase = Phase.TRANSFERRING; // the server ignored our options: RFC 1350 defaults
            blksize = TftpOptions.DEFAULT_BLKSIZE;
        }
        int ahead = (block - wire(nextBlock)) & 0xFFFF;
        if (ahead == 0) {
            onNextBlock(payload);
        } else if (windowsize == 1) {
            if (nextBlock > 1 && ahead == 0xFFFF) {
                send(new TftpPacket.Ack(block), peer); // our ACK was lost
            }
            // Anything else is a stray or future block: ignored, as lock-step cannot produce it.
        } else if (nextBlock > 1 || ahead < 0x8000) {
            // A gap (ahead) or a resent window (behind): tell the server where we are, once per
            // window. Blocks still ahead well after that answer (two round trips) mean the window it
            // asked for lost its first block: answer again now rather than after a timeout.
            long now = now();
            if (!stallAnswered || now - stallAnsweredAt >= timer.reanswerGapNanos()) {
                stallAnswered = true;
                stallAnsweredAt = now;
                blocksSinceAck = 0;
                sendAndAwait(new TftpPacket.Ack(wire(nextBlock - 1)), peer);
            }
        }
    }

    private void onNextBlock(ByteBuffer payload) {
        int length = payload.remaining();
        if (length > blksize) {
            illegal("block " + nextBlock + " carries " + length + " bytes, more than the block size " + blksize);
            return;
        }
        long offset = (nextBlock - 1) * blksize;
        long index = nextBlock;
        TftpPacket.Ack ack = new TftpPacket.Ack(wire(nextBlock));
        long now = now();
        boolean last = length < blksize;
        boolean windowEnds = last || ++blocksSinceAck >= windowsize;
        // Acknowledge first: the server reads and sends the next block while this one is booked and stored.
        if (windowEnds) {
            send(ack, peer);
        }
        nextBlock++;
        answered(now);
        stallAnswered = false;
        if (windowEnds) {
            blocksSinceAck = 0;
        }
        if (!last) {
            // Mid-window nothing was sent, but silence from here on is answered with this ACK.
            await(ack, peer, windowEnds ? now : -1);
        }
        if (length > 0) {
            try {
                sink.write(offset, payload);
            } catch (Exception e) {
                abortForSink("cannot store block " + index, e);
                return;
            }
        }
        if (last) {
            finish(offset + length, null);
        }
    }

    private void abortForSink(String what, Exception e) {
        send(new TftpPacket.Error(TftpPacket.ERROR_DISK_FULL, "Client cannot store the file"), peer);
        finish(-1, TftpFailures.io(uri, what, e));
    }

    private void illegal(String what) {
        send(new TftpPacket.Error(TftpPacket.ERROR_ILLEGAL_OPERATION, "Illegal TFTP operation"), peer);
        finish(-1, TftpFailures.protocol(uri, what + " from " + peer));
    }

    private void sendAndAwait(TftpPacket packet, InetSocketAddress to) {
        long sentAt = now();
        send(packet, to);
        await(packet, to, sentAt);
    }

    /** Silence from now on is answered by resending {@code packet}; {@code sentAt} -1 when it was not sent yet. */
    private void await(TftpPacket packet, InetSocketAddress to, long sentAt) {
        awaitingAnswer = packet;
        awaitingAnswerFrom = to;
        if (sentAt >= 0) {
            timer.sent(sentAt);
        } else {
            timer.sentAgain();
        }
        armTimer();
    }

    private void send(TftpPacket packet, InetSocketAddress to) {
        link.send(packet, to);
    }

    /** Progress: an RTT sample if it answers a packet sent once, and the wait starts over. */
    private void answered() {
        answered(now());
    }

    private void answered(long now) {
        timer.answerArrived(now);
        cancelTimer();
    }

    private long now() {
        return link.nanoTime();
    }

    private void armTimer() {
        link.arm(timer.timeoutNanos());
    }

    private void cancelTimer() {
        link.disarm();
    }

    /** The alarm armed last went off: retransmit, or give up once the silence is too long. */
    void onTimeout() {
        if (phase == Phase.DONE) {
            return;
        }
        if (!timer.expired()) {
            String awaited = phase == Phase.REQUESTED ? "the server's first reply" : "block " + nextBlock;
            finish(-1, TftpFailures.timeout(uri, awaited, link.lastSendFailure()));
            return;
        }
        blocksSinceAck = 0;
        send(awaitingAnswer, awaitingAnswerFrom);
        armTimer();
    }

    /** Ends once: stops the alarm, closes the link, then completes. */
    private void finish(long size, JpxeException failed) {
        JpxeException failure = failed;
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        link.disarm();
        awaitingAnswer = null;
        link.close();
        if (failure == null && sink instanceof Flushable gathered) {
            try {
                gathered.flush(); // the caller commits the image once this completes
            } catch (IOException | RuntimeException e) {
                failure = TftpFailures.io(uri, "cannot store the last blocks", e);
            }
        }
        if (failure == null) {
            completion.complete(size);
        } else {
            completion.completeExceptionally(failure);
        }
    }

    private static int wire(long blockIndex) {
        return (int) (blockIndex & 0xFFFF);
    }

    /** Address equality that sees {@code ::ffff:a.b.c.d} (dual-stack sockets) as {@code a.b.c.d}. */
    static boolean sameHost(InetAddress a, InetAddress b) {
        return a != null && b != null && Arrays.equals(ipv4Unmapped(a), ipv4Unmapped(b));
    }

    private static byte[] ipv4Unmapped(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet6Address && isIpv4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }
}
