package io.jpxe.proto.ftp.internal;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.jpxe.api.uri.Transfer;
import io.jpxe.api.uri.UriOpener;
import io.jpxe.api.uri.UriScheme;
import io.jpxe.netty.NettyRuntime;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.concurrent.Future;

/**
 * Opens {@code ftp://} URIs (iPXE's DOWNLOAD_PROTO_FTP): one {@link FtpSession} per download, its
 * control and data connections on one loop of the shared {@link NettyRuntime}.
 */
@Component(service = UriOpener.class)
@UriScheme("ftp")
public final class FtpUriOpener implements UriOpener {

    /** RFC 959 puts no limit on a reply line; 8 KiB is generous and stops a hostile server. */
    static final int MAX_LINE = 8192;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final NettyRuntime runtime;

    @Activate
    public FtpUriOpener(@Reference(name = "runtime") NettyRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Transfer open(URI uri, DataSink sink) throws JpxeException {
        FtpTarget target = FtpTarget.parse(uri);
        FtpSession session = new FtpSession(target, sink, this::openData);
        ChannelFuture connected = bootstrap(runtime.eventLoopGroup().next())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE), new FtpReplyDecoder(), session);
                    }
                })
                .connect(InetSocketAddress.createUnresolved(target.host(), target.port()));
        connected.addListener(c -> {
            if (!c.isSuccess()) {
                session.failBeforeStart(connectFailure(target, c.cause()));
            }
        });
        return session;
    }

    /** The data connection goes to the control connection's server, on the port it named. */
    private Future<Channel> openData(Channel control, int port, ChannelHandler handler) {
        InetSocketAddress server = (InetSocketAddress) control.remoteAddress();
        ChannelFuture connected = bootstrap(control.eventLoop()).handler(handler)
                .connect(new InetSocketAddress(server.getAddress(), port));
        io.netty.util.concurrent.Promise<Channel> promise = control.eventLoop().newPromise();
        connected.addListener(c -> {
            if (c.isSuccess()) {
                promise.trySuccess(connected.channel());
            } else {
                promise.tryFailure(c.cause());
            }
        });
        return promise;
    }

    private Bootstrap bootstrap(io.netty.channel.EventLoop loop) {
        return new Bootstrap().group(loop).channel(runtime.socketChannelClass())
                .resolver(runtime.addressResolverGroup())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                // No fixed SO_RCVBUF: it would switch off Linux's receive-window autotuning (which goes
                // well past 1 MiB on a fast link). Reads of up to 1 MiB when the data flows fast (the
                // default allocator stops at 64 KiB: four times the reads, writes and wake-ups).
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(4096, 65536, 1 << 20));
    }

    private static JpxeException connectFailure(FtpTarget target, Throwable cause) {
        String where = target.host() + ":" + target.port();
        if (cause instanceof UnknownHostException) {
            return new JpxeException(Errno.EADDRNOTAVAIL, target.shown() + ": cannot resolve server " + target.host());
        }
        if (cause instanceof ConnectException) {
            return new JpxeException(Errno.ECONNREFUSED, target.shown() + ": " + where + " refused the connection");
        }
        return new JpxeException(Errno.EIO, target.shown() + ": cannot connect to " + where + ": " + cause.getMessage());
    }
}
