package io.jpxe.proto.tftp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.jpxe.api.uri.Transfer;
import io.jpxe.api.uri.UriOpener;
import io.jpxe.api.uri.UriScheme;
import io.jpxe.netty.NettyRuntime;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;

/**
 * Opens {@code tftp://} URIs: a TFTP client (RFC 1350) with option negotiation (RFC 2347),
 * {@code blksize} (RFC 2348), {@code tsize} (RFC 2349), as iPXE's {@code net/udp/tftp.c}, plus
 * {@code windowsize} (RFC 7440) and RTT-adaptive retransmission, which iPXE lacks. Also opens its
 * multicast relatives: {@code tftm://} (RFC 2090) and {@code mtftp://} (PXE MTFTP, falling back to
 * plain TFTP on port 69 when no MTFTP server answers), see {@link MulticastTransferHandler}.
 *
 * <p>Each transfer gets its own UDP socket (its TID). A unicast read runs a {@link TftpReadSession}
 * on a socket and thread of its own ({@link UdpTftpRead}); multicast reads run on the shared
 * {@link NettyRuntime}, with a {@link TftpDecoder}, a {@link TftpEncoder} and their handler. Either
 * way {@link #open} only parses the URI and starts; the name lookup (the runtime's resolver), the
 * request and everything after happen on the transfer's thread or event loop.
 */
@Component(service = UriOpener.class, configurationPid = TftpUriOpener.PID)
@UriScheme({"tftp", "tftm", "mtftp"})
@Designate(ocd = TftpUriOpener.Config.class)
public final class TftpUriOpener implements UriOpener {

    static final String PID = "io.jpxe.proto.tftp";

    @ObjectClassDefinition(id = PID, name = "jPXE TFTP client")
    public @interface Config {
        @AttributeDefinition(description = "Block size asked for (RFC 2348), 8..65464; iPXE uses 1432")
        int blksize() default TftpOptions.IPXE_BLKSIZE;

        @AttributeDefinition(description = "Blocks per acknowledgement asked for (RFC 7440), 1..65535; 1 is lock-step")
        int windowsize() default DEFAULT_WINDOWSIZE;

        @AttributeDefinition(description = "How soon the server should resend a block nobody acknowledged"
                + " (milliseconds), asked for with tftpd-hpa's utimeout option (others ignore it); 0 asks nothing")
        int serverTimeoutMillis() default DEFAULT_SERVER_TIMEOUT_MILLIS;

        @AttributeDefinition(description = "Retransmission timeout before the round-trip time is known (milliseconds)")
        int initialTimeoutMillis() default 250;

        @AttributeDefinition(description = "Smallest retransmission timeout, however short the round trip (milliseconds)")
        int minTimeoutMillis() default 20;

        @AttributeDefinition(description = "Largest wait between two retransmissions (milliseconds)")
        int maxTimeoutMillis() default 4_000;

        @AttributeDefinition(description = "Give up after this long without an answer from the server (milliseconds)")
        int idleTimeoutMillis() default 15_000;

        @AttributeDefinition(description = "Smallest SO_RCVBUF of a transfer's socket in bytes; grown to hold"
                + " a few windows of blocks")
        int receiveBufferBytes() default 256 << 10;

        @AttributeDefinition(description = "PXE MTFTP: the multicast group clients listen on (PXE option 43.1)")
        String mtftpAddress() default "239.255.1.1";

        @AttributeDefinition(description = "PXE MTFTP: the client port of the group (PXE option 43.2)")
        int mtftpClientPort() default 3001;

        @AttributeDefinition(description = "PXE MTFTP: the server port of mtftp:// URIs without one (PXE option 43.3)")
        int mtftpServerPort() default 1759;

        @AttributeDefinition(description = "PXE MTFTP: how long to listen for a transfer already running before"
                + " asking (milliseconds; PXE option 43.4)")
        int mtftpListenMillis() default 500;

        @AttributeDefinition(description = "PXE MTFTP: unanswered open requests before falling back to TFTP")
        int mtftpOpens() default 3;
    }

    /**
     * 16 blocks of 1432 bytes per ACK: an order of magnitude fewer round trips than lock-step, and
     * small enough (23 KiB) for the default receive buffer of any server's host and NIC ring.
     */
    static final int DEFAULT_WINDOWSIZE = 16;
    /**
     * 100 ms instead of tftpd-hpa's 1 s: above any LAN's round trip, and a lost block in lock-step
     * costs this long (1 MiB under 10 % loss: 104 s with 1 s).
     */
    static final int DEFAULT_SERVER_TIMEOUT_MILLIS = 100;
    /** Linux caps SO_RCVBUF at net.core.rmem_max anyway; asking for more is harmless but pointless. */
    private static final int MAX_RECEIVE_BUFFER = 16 << 20;
    /** Kernel accounting per datagram beyond its payload (sk_buff truesize overhead). */
    private static final int DATAGRAM_OVERHEAD = 1024;

    private final NettyRuntime runtime;
    private final TftpDecoder decoder = new TftpDecoder();
    private final TftpEncoder encoder = new TftpEncoder();
    private volatile Config config;

    @Activate
    public TftpUriOpener(@Reference(name = "runtime") NettyRuntime runtime, Config config) {
        this.runtime = runtime;
        modified(config);
    }

    /** Applies new settings to transfers opened from now on. */
    @Modified
    void modified(Config config) {
        // Fail the (re)configuration with a clear message rather than at the first open.
        unicastOptions(config);
        retransmissionTimer(config);
        this.config = config;
    }

    @Override
    public Transfer open(URI uri, DataSink sink) throws JpxeException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Config settings = config;
        return switch (scheme) {
            case "tftm" -> openMulticast(uri, TftpUri.parse(uri, scheme, TftpUri.DEFAULT_PORT),
                    MulticastTransferHandler.Mode.TFTM, settings, sink);
            case "mtftp" -> openMtftp(uri, settings, sink);
            default -> openUnicast(uri, TftpUri.parse(uri), settings, sink);
        };
    }

    /** PXE MTFTP, then plain TFTP on port 69 if no MTFTP server answered (as iPXE does). */
    private Transfer openMtftp(URI uri, Config settings, DataSink sink) throws JpxeException {
        TftpUri target = TftpUri.parse(uri, "mtftp", settings.mtftpServerPort());
        Transfer mtftp = openMulticast(uri, target, MulticastTransferHandler.Mode.MTFTP, settings, sink);
        return new FallbackTransfer(mtftp, MulticastTransferHandler.NoMtftpServer.class, () -> openUnicast(uri,
                new TftpUri(uri, target.host(), TftpUri.DEFAULT_PORT, target.filename()), settings, sink));
    }

    private Transfer openMulticast(URI uri, TftpUri target, MulticastTransferHandler.Mode mode, Config settings,
            DataSink sink) throws JpxeException {
        InetSocketAddress mtftpGroup;
        try {
            mtftpGroup = new InetSocketAddress(InetAddress.ofLiteral(settings.mtftpAddress()),
                    settings.mtftpClientPort());
        } catch (IllegalArgumentException e) {
            throw new JpxeException(Errno.EINVAL, "MTFTP address " + settings.mtftpAddress() + " is not an IP address");
        }
        EventLoop loop = runtime.eventLoopGroup().next();
        int receiveBuffer = receiveBuffer(settings);
        // The joiner needs the interface towards the server, known once its name is resolved.
        GroupJoinerSlot joiner = new GroupJoinerSlot();
        MulticastTransferHandler handler = new MulticastTransferHandler(uri, target.filename(), mode,
                new TftpOptions(settings.blksize()), retransmissionTimer(settings), sink, joiner, mtftpGroup,
                Duration.ofMillis(settings.mtftpListenMillis()), settings.mtftpOpens());
        Transfer transfer = new TftpTransfer(loop, handler);
        if (loop.isShuttingDown()) {
            handler.fail(TftpFailures.io(uri, "the network runtime is shutting down", null));
            return transfer;
        }
        bind(loop, settings, handler, b -> {
            if (!b.isSuccess()) {
                handler.fail(TftpFailures.io(uri, "cannot open a UDP socket", b.cause()));
                return;
            }
            Future<InetSocketAddress> resolved = runtime.addressResolverGroup().getResolver(loop)
                    .resolve(InetSocketAddress.createUnresolved(target.host(), target.port()));
            resolved.addListener(r -> {
                if (!r.isSuccess()) {
                    handler.fail(new JpxeException(Errno.EADDRNOTAVAIL,
                            uri + ": cannot resolve server " + target.host(), r.cause()));
                    return;
                }
                InetSocketAddress server = resolved.getNow();
                NetworkInterface nic;
                try {
                    nic = GroupChannels.towards(server);
                } catch (IOException e) {
                    nic = null;
                }
                if (nic == null) {
                    handler.fail(TftpFailures.io(uri, "no network interface leads to " + server.getAddress()
                            .getHostAddress() + " to receive multicast on", null));
                    return;
                }
                joiner.target = new GroupChannels(runtime, loop, nic, receiveBuffer, decoder);
                handler.start(server);
            });
        });
        return transfer;
    }

    /** Filled in once the interface is known; the handler only joins after {@code start}. */
    private static final class GroupJoinerSlot implements MulticastTransferHandler.GroupJoiner {
        private GroupChannels target;

        @Override
        public Future<Channel> join(InetSocketAddress group, MulticastTransferHandler handler) {
            return target.join(group, handler);
        }
    }

    private void bind(EventLoop loop, Config settings, ChannelHandler handler,
            GenericFutureListener<ChannelFuture> then) {
        new Bootstrap()
                .group(loop)
                .channel(runtime.datagramChannelClass())
                .option(ChannelOption.SO_RCVBUF, receiveBuffer(settings))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel channel) {
                        channel.pipeline().addLast(decoder, encoder, handler);
                    }
                })
                .bind(0)
                .addListener(then);
    }

    private Transfer openUnicast(URI uri, TftpUri target, Config settings, DataSink sink) throws JpxeException {
        RetransmissionTimer timer = retransmissionTimer(settings);
        long lookupTimeoutMillis = settings.idleTimeoutMillis();
        return UdpTftpRead.start(uri, target.filename(), unicastOptions(settings), timer, sink, receiveBuffer(settings),
                () -> resolve(uri, target, lookupTimeoutMillis));
    }

    /** @throws IllegalArgumentException naming the setting that is out of range */
    private static TftpOptions unicastOptions(Config settings) {
        return new TftpOptions(settings.blksize(), settings.windowsize(), settings.serverTimeoutMillis() * 1000L);
    }

    /**
     * The server's address through the runtime's resolver (jPXE's DNS when the image has it); called
     * on the transfer's own thread, never on an event loop, so it may wait.
     */
    private InetSocketAddress resolve(URI uri, TftpUri target, long timeoutMillis) throws JpxeException {
        EventLoop loop = runtime.eventLoopGroup().next();
        if (loop.isShuttingDown()) {
            throw TftpFailures.io(uri, "the network runtime is shutting down", null);
        }
        Future<InetSocketAddress> resolved = runtime.addressResolverGroup().getResolver(loop)
                .resolve(InetSocketAddress.createUnresolved(target.host(), target.port()));
        if (!resolved.awaitUninterruptibly(timeoutMillis)) {
            resolved.cancel(false);
            throw new JpxeException(Errno.ETIMEDOUT, uri + ": no answer for server " + target.host() + " within "
                    + timeoutMillis + " ms");
        }
        if (!resolved.isSuccess()) {
            throw new JpxeException(Errno.EADDRNOTAVAIL, uri + ": cannot resolve server " + target.host(),
                    resolved.cause());
        }
        return resolved.getNow();
    }

    private static RetransmissionTimer retransmissionTimer(Config config) {
        return new RetransmissionTimer(Duration.ofMillis(config.initialTimeoutMillis()),
                Duration.ofMillis(config.minTimeoutMillis()), Duration.ofMillis(config.maxTimeoutMillis()),
                Duration.ofMillis(config.idleTimeoutMillis()));
    }

    /**
     * Room for two windows of the largest blocks: a window that overflows the socket buffer loses its
     * tail every time and stalls (seen with atftpd at 8192 x 16 on the 208 KiB default).
     */
    static int receiveBuffer(Config config) {
        long twoWindows = 2L * config.windowsize() * (config.blksize() + DATAGRAM_OVERHEAD);
        return (int) Math.clamp(twoWindows, Math.min(config.receiveBufferBytes(), MAX_RECEIVE_BUFFER),
                MAX_RECEIVE_BUFFER);
    }
}
