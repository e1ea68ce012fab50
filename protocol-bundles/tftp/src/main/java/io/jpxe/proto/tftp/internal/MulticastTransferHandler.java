package io.jpxe.proto.tftp.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

/**
 * The state machine of one multicast TFTP read, in either of its two forms, as iPXE's
 * {@code net/udp/tftp.c} does them:
 * <ul>
 * <li>{@code tftm://} (RFC 2090): the RRQ carries {@code multicast} beside {@code blksize} and
 * {@code tsize}; the server's OACK names a group ({@code addr,port,mc}) that this client joins,
 * and whether it is the master client. Only the master acknowledges; a later OACK
 * ({@code multicast=,,1}) makes another client master when the first one is done.</li>
 * <li>{@code mtftp://} (PXE MTFTP): the client first listens on a known group for a while, taking
 * any blocks already flowing; then it sends a plain RRQ (no options, 512-byte blocks) to the
 * MTFTP server port. A unicast answer makes it the master. After a few unanswered opens the
 * transfer gives up with {@link NoMtftpServer}, and the opener falls back to plain TFTP.</li>
 * </ul>
 * Blocks may arrive in any order, twice, or before this client asked (another client's transfer):
 * a {@link BlockBitmap} records them, and the master always acknowledges the last block before the
 * first gap, so the server resends exactly what is missing.
 *
 * <p>Threading: every method runs on the unicast channel's event loop, which the group's channel
 * shares. Buffers: each inbound envelope is released here; the sink sees a read-only view of a
 * payload only during its call.
 */
final class MulticastTransferHandler extends ChannelInboundHandlerAdapter implements CancellableHandler {

    enum Mode { TFTM, MTFTP }

    /** Joins a multicast group on the transfer's event loop; the channel feeds {@link #receiveMulticast}. */
    interface GroupJoiner {
        Future<Channel> join(InetSocketAddress group, MulticastTransferHandler handler);
    }

    /** PXE MTFTP found no server (no answer to its opens): plain TFTP should be tried instead. */
    static final class NoMtftpServer extends JpxeException {
        private static final long serialVersionUID = 1L;

        NoMtftpServer(URI uri, int opens) {
            super(Errno.ETIMEDOUT, uri + ": no MTFTP server answered " + opens + " open requests");
        }
    }

    /** PXE MTFTP's fixed block size: its RRQ carries no options. */
    static final int MTFTP_BLKSIZE = TftpOptions.DEFAULT_BLKSIZE;

    private enum Phase { IDLE, LISTENING, REQUESTED, RECEIVING, DONE }

    private final URI uri;
    private final String filename;
    private final Mode mode;
    private final TftpOptions options;
    private final RetransmissionTimer timer;
    private final DataSink sink;
    private final GroupJoiner joiner;
    private final InetSocketAddress mtftpGroup;
    private final Duration listen;
    private final int maxOpens;
    private final BlockBitmap blocks = new BlockBitmap();
    private final CompletableFuture<Long> completion = new CompletableFuture<>();

    private ChannelHandlerContext ctx;
    private Phase phase = Phase.IDLE;
    private InetSocketAddress server;
    private InetSocketAddress peer;
    private boolean master;
    private int blksize;
    private InetSocketAddress group;
    private Channel groupChannel;
    private boolean joining;
    private int unansweredOpens;
    private TftpPacket awaiting;
    private DeadlineAlarm alarm;
    private ChannelFuture lastWrite;
    private Throwable lastSendFailure;

    /**
     * @param mtftpGroup for {@link Mode#MTFTP}: the group and port to listen on (PXE's 239.255.1.1:3001)
     * @param listen     for {@link Mode#MTFTP}: how long to listen before asking (restarted by each block)
     * @param maxOpens   for {@link Mode#MTFTP}: unanswered opens before {@link NoMtftpServer}
     */
    MulticastTransferHandler(URI uri, String filename, Mode mode, TftpOptions options, RetransmissionTimer timer,
            DataSink sink, GroupJoiner joiner, InetSocketAddress mtftpGroup, Duration listen, int maxOpens) {
        this.uri = uri;
        this.filename = filename;
        this.mode = mode;
        this.options = options;
        this.timer = timer;
        this.sink = sink;
        this.joiner = joiner;
        this.mtftpGroup = mtftpGroup;
        this.listen = listen;
        this.maxOpens = maxOpens;
        this.blksize = mode == Mode.MTFTP ? MTFTP_BLKSIZE : 0;
    }

    /** Completes with the file size once every block arrived, or with a {@link JpxeException}. */
    @Override
    public CompletableFuture<Long> completion() {
        return completion;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.alarm = new DeadlineAlarm(ctx.executor(), this::onTimeout);
    }

    /** Starts: TFTM asks at once; MTFTP joins its group and listens first. Ignored once started. */
    void start(InetSocketAddress server) {
        if (phase != Phase.IDLE) {
            return;
        }
        this.server = server;
        if (mode == Mode.TFTM) {
            request();
            return;
        }
        phase = Phase.LISTENING;
        joinGroup(mtftpGroup, () -> schedule(listen.toNanos()));
    }

    @Override
    public void cancel(JpxeException reason) {
        if (phase != Phase.DONE && peer != null) {
            send(new TftpPacket.Error(TftpPacket.ERROR_NOT_DEFINED, "Transfer cancelled"), peer);
        }
        finish(-1, reason);
    }

    void fail(JpxeException failure) {
        finish(-1, failure);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof AddressedEnvelope<?, ?> envelope)
                || !(envelope.content() instanceof TftpPacket packet)
                || !(envelope.sender() instanceof InetSocketAddress sender)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            receiveUnicast(packet, sender);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** A datagram that reached the group's socket; released here. Runs on this transfer's loop. */
    void receiveMulticast(Object msg) {
        try {
            if (phase == Phase.IDLE || phase == Phase.DONE
                    || !(msg instanceof AddressedEnvelope<?, ?> envelope)
                    || !(envelope.content() instanceof TftpPacket.Data data)
                    || !(envelope.sender() instanceof InetSocketAddress sender)
                    || !TftpReadSession.sameHost(sender.getAddress(), server.getAddress())
                    || blksize == 0) {
                return; // only DATA from our server counts, once the block size is known
            }
            if (mode == Mode.MTFTP && (phase == Phase.LISTENING || (phase == Phase.REQUESTED && peer == null))) {
                // Another client's transfer is flowing (the server ignores our open meanwhile):
                // take its blocks, and ask for the rest once it ends.
                phase = Phase.LISTENING;
                unansweredOpens = 0;
                schedule(listen.toNanos());
            }
            onData(data);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The group's socket failed; after the end (it is being closed) that is no news. */
    void groupFailed(Throwable cause) {
        if (phase != Phase.DONE && !(cause instanceof ClosedChannelException)) {
            finish(-1, TftpFailures.io(uri, "multicast socket error", cause));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish(-1, new JpxeException(Errno.ECONNABORTED, uri + ": socket closed before the transfer ended"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finish(-1, TftpFailures.io(uri, "socket error", cause));
    }

    private void request() {
        phase = Phase.REQUESTED;
        peer = null;
        Map<String, String> requested = new LinkedHashMap<>();
        if (mode == Mode.TFTM) {
            requested.putAll(options.request());
            requested.put(MulticastOption.NAME, "");
        }
        sendAndAwait(TftpPacket.Request.read(filename, requested), server);
    }

    private void receiveUnicast(TftpPacket packet, InetSocketAddress sender) {
        if (phase == Phase.IDLE || phase == Phase.DONE || server == null) {
            return;
        }
        if (peer == null && TftpReadSession.sameHost(sender.getAddress(), server.getAddress())) {
            peer = sender;
        }
        if (peer == null || !peer.equals(sender)) {
            if (!(packet instanceof TftpPacket.Error)) {
                send(new TftpPacket.Error(TftpPacket.ERROR_UNKNOWN_TID, "Unknown transfer ID"), sender);
            }
            return;
        }
        // A unicast answer makes this client the master (MTFTP); an OACK may say otherwise (TFTM).
        master = true;
        switch (packet) {
            case TftpPacket.OptionAck oack -> onOptionAck(oack);
            case TftpPacket.Data data -> {
                if (phase == Phase.REQUESTED && blksize == 0) {
                    blksize = TftpOptions.DEFAULT_BLKSIZE; // the server ignored our options
                }
                phase = Phase.RECEIVING;
                onData(data);
            }
            case TftpPacket.Error error -> finish(-1, TftpFailures.serverError(uri, error));
            case TftpPacket.Malformed malformed -> illegal("malformed packet (" + malformed.reason() + ")");
            case TftpPacket.Ack ack -> illegal("unexpected ACK " + ack.block());
            case TftpPacket.Request request -> illegal("unexpected " + (request.write() ? "WRQ" : "RRQ"));
        }
    }

    private void onOptionAck(TftpPacket.OptionAck oack) {
        Map<String, String> rest = new LinkedHashMap<>(oack.options());
        String multicast = rest.remove(MulticastOption.NAME);
        MulticastOption option = null;
        try {
            if (multicast != null) {
                option = MulticastOption.parse(multicast);
            }
            if (blksize == 0) {
                TftpOptions.Negotiated negotiated = options.accept(rest);
                blksize = negotiated.blksize();
                if (negotiated.tsize() >= 0) {
                    blocks.expectSize(negotiated.tsize(), blksize);
                    sink.expectedSize(negotiated.tsize());
                }
            }
        } catch (TftpOptions.Rejected e) {
            send(new TftpPacket.Error(TftpPacket.ERROR_OPTION_NEGOTIATION,
                    "Option negotiation failed: " + e.getMessage()), peer);
            finish(-1, TftpFailures.protocol(uri, "server's options refused: " + e.getMessage()));
            return;
        } catch (RuntimeException e) {
            abortForSink("cannot take the file's size", e);
            return;
        }
        phase = Phase.RECEIVING;
        answered();
        // Without the option the server ignored multicast: a unicast transfer, and we are its master.
        master = option == null || option.master();
        if (option != null && option.group() != null && !option.group().equals(group)) {
            joinGroup(option.group(), this::acknowledgeOrWait);
        } else if (!joining) {
            acknowledgeOrWait();
        }
    }

    private void onData(TftpPacket.Data data) {
        ByteBuf payload = data.content();
        int length = payload.readableBytes();
        if (length > blksize) {
            illegal("block " + data.block() + " carries " + length + " bytes, more than the block size " + blksize);
            return;
        }
        long index = blocks.index(data.block());
        boolean fresh = blocks.receive(index, length, blksize);
        if (fresh && length > 0) {
            try {
                sink.write(index * blksize, payload.nioBuffer().asReadOnlyBuffer());
            } catch (Exception e) {
                abortForSink("cannot store block " + (index + 1), e);
                return;
            }
        }
        if (blocks.complete()) {
            if (master && peer != null) {
                send(ack(), peer);
            }
            finish(blocks.size(), null);
        } else if (fresh && phase == Phase.RECEIVING) {
            // Only news is answered: acknowledging duplicates too would double every later block
            // (the Sorcerer's Apprentice); a lost ACK is resent by the timer.
            answered();
            acknowledgeOrWait();
        }
    }

    /** The master acknowledges up to the first gap; the others just wait for blocks. */
    private void acknowledgeOrWait() {
        if (phase != Phase.RECEIVING) {
            return;
        }
        if (master) {
            sendAndAwait(ack(), peer);
        } else {
            awaiting = null;
            schedule(timer.timeoutNanos());
        }
    }

    private TftpPacket.Ack ack() {
        return new TftpPacket.Ack((int) (blocks.firstGap() & 0xFFFF));
    }

    private void joinGroup(InetSocketAddress wanted, Runnable then) {
        if (groupChannel != null) {
            groupChannel.close();
            groupChannel = null;
        }
        group = wanted;
        joining = true;
        joiner.join(wanted, this).addListener(f -> {
            joining = false;
            Channel joined = (Channel) f.getNow();
            if (phase == Phase.DONE) {
                if (joined != null) {
                    joined.close();
                }
                return;
            }
            if (!f.isSuccess()) {
                finish(-1, TftpFailures.io(uri, "cannot join multicast group " + wanted.getAddress().getHostAddress()
                        + " port " + wanted.getPort(), f.cause()));
                return;
            }
            groupChannel = joined;
            then.run();
        });
    }

    private void abortForSink(String what, Exception e) {
        if (peer != null) {
            send(new TftpPacket.Error(TftpPacket.ERROR_DISK_FULL, "Client cannot store the file"), peer);
        }
        finish(-1, TftpFailures.io(uri, what, e));
    }

    private void illegal(String what) {
        send(new TftpPacket.Error(TftpPacket.ERROR_ILLEGAL_OPERATION, "Illegal TFTP operation"), peer);
        finish(-1, TftpFailures.protocol(uri, what + " from " + peer));
    }

    private void sendAndAwait(TftpPacket packet, InetSocketAddress to) {
        awaiting = packet;
        timer.sent(now());
        send(packet, to);
        schedule(timer.timeoutNanos());
    }

    private void send(TftpPacket packet, InetSocketAddress to) {
        lastWrite = ctx.writeAndFlush(new DefaultAddressedEnvelope<TftpPacket, InetSocketAddress>(packet, to));
        lastWrite.addListener(f -> lastSendFailure = f.isSuccess() ? null : f.cause());
    }

    private void answered() {
        timer.answerArrived(now());
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }

    private void schedule(long nanos) {
        alarm.arm(nanos);
    }

    private void onTimeout() {
        switch (phase) {
            case LISTENING -> {
                if (!blocks.complete()) {
                    request();
                }
            }
            case REQUESTED, RECEIVING -> retry();
            default -> { }
        }
    }

    private void retry() {
        if (mode == Mode.MTFTP && phase == Phase.REQUESTED && peer == null && ++unansweredOpens >= maxOpens) {
            finish(-1, new NoMtftpServer(uri, unansweredOpens));
            return;
        }
        if (!timer.expired()) {
            String awaited = phase == Phase.REQUESTED ? "the server's first reply" : "block " + (blocks.firstGap() + 1);
            finish(-1, TftpFailures.timeout(uri, awaited, lastSendFailure));
            return;
        }
        if (phase == Phase.REQUESTED) {
            send(awaiting, server);
            schedule(timer.timeoutNanos());
        } else if (master && peer != null) {
            send(ack(), peer);
            schedule(timer.timeoutNanos());
        } else {
            schedule(timer.timeoutNanos()); // not the master: wait for blocks or a promotion
        }
    }

    private void finish(long size, JpxeException failure) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        if (alarm != null) {
            alarm.close();
        }
        if (groupChannel != null) {
            groupChannel.close();
            groupChannel = null;
        }
        Runnable complete = () -> {
            if (failure == null) {
                completion.complete(size);
            } else {
                completion.completeExceptionally(failure);
            }
        };
        if (ctx == null) {
            complete.run();
            return;
        }
        Channel channel = ctx.channel();
        ChannelFuture written = lastWrite != null ? lastWrite : channel.newSucceededFuture();
        written.addListener(w -> channel.close().addListener(closed -> complete.run()));
    }
}
