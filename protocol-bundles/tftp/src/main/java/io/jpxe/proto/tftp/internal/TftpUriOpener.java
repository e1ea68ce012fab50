package io.jpxe.proto.tftp.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

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
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;

/**
 * Opens {@code tftp://} URIs: a TFTP client (RFC 1350) with option negotiation (RFC 2347),
 * {@code blksize} (RFC 2348) and {@code tsize} (RFC 2349), as iPXE's {@code net/udp/tftp.c}.
 *
 * <p>Each transfer gets its own UDP socket (its TID) on the shared {@link NettyRuntime}, with a
 * {@link TftpDecoder}, a {@link TftpEncoder} and a {@link TftpTransferHandler}. {@link #open} only
 * parses the URI and starts binding; the name lookup, the request and everything after happen on
 * the socket's event loop.
 */
@Component(service = UriOpener.class, configurationPid = TftpUriOpener.PID)
@UriScheme("tftp")
@Designate(ocd = TftpUriOpener.Config.class)
public final class TftpUriOpener implements UriOpener {

    static final String PID = "io.jpxe.proto.tftp";

    @ObjectClassDefinition(id = PID, name = "jPXE TFTP client")
    public @interface Config {
        @AttributeDefinition(description = "Block size asked for (RFC 2348), 8..65464; iPXE uses 1432")
        int blksize() default TftpOptions.IPXE_BLKSIZE;

        @AttributeDefinition(description = "First retransmission timeout in milliseconds; doubles on each retry")
        int initialTimeoutMillis() default 250;

        @AttributeDefinition(description = "Give up once the doubled timeout would exceed this (milliseconds)")
        int maxTimeoutMillis() default 10_000;

        @AttributeDefinition(description = "SO_RCVBUF of each transfer's socket in bytes")
        int receiveBufferBytes() default 1 << 20;
    }

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
        new TftpOptions(config.blksize());
        retryBackoff(config);
        this.config = config;
    }

    @Override
    public Transfer open(URI uri, DataSink sink) throws JpxeException {
        TftpUri target = TftpUri.parse(uri);
        Config settings = config;
        EventLoop loop = runtime.eventLoopGroup().next();
        TftpTransferHandler handler = new TftpTransferHandler(uri, target.filename(),
                new TftpOptions(settings.blksize()), retryBackoff(settings), sink);
        if (loop.isShuttingDown()) {
            // Listeners of a dead loop never run: fail here rather than leave the transfer hanging.
            handler.fail(TftpFailures.io(uri, "the network runtime is shutting down", null));
            return new TftpTransfer(loop, handler);
        }
        ChannelFuture bound = new Bootstrap()
                .group(loop)
                .channel(runtime.datagramChannelClass())
                .option(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel channel) {
                        channel.pipeline().addLast(decoder, encoder, handler);
                    }
                })
                .bind(0);
        bound.addListener(b -> {
            if (!b.isSuccess()) {
                handler.fail(TftpFailures.io(uri, "cannot open a UDP socket", b.cause()));
                return;
            }
            // Completes on this loop: a name is looked up elsewhere, a literal at once.
            Future<InetSocketAddress> resolved = runtime.addressResolverGroup().getResolver(loop)
                    .resolve(InetSocketAddress.createUnresolved(target.host(), target.port()));
            resolved.addListener(r -> {
                if (r.isSuccess()) {
                    handler.start(resolved.getNow());
                } else {
                    handler.fail(new JpxeException(Errno.EADDRNOTAVAIL,
                            uri + ": cannot resolve server " + target.host(), r.cause()));
                }
            });
        });
        return new TftpTransfer(loop, handler);
    }

    private static RetryBackoff retryBackoff(Config config) {
        return new RetryBackoff(Duration.ofMillis(config.initialTimeoutMillis()),
                Duration.ofMillis(config.maxTimeoutMillis()));
    }
}
