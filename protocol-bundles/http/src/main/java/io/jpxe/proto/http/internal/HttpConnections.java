package io.jpxe.proto.http.internal;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.netty.NettyRuntime;
import io.jpxe.proto.http.SecureLayer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * The real {@link Connector}: TCP on the shared {@link NettyRuntime}, through the
 * {@code ${http-proxy}} (absolute-form requests for http, a {@code CONNECT} tunnel for https), TLS
 * from the {@link SecureLayer}, and a pool of kept-alive connections per origin. Thread-safe.
 */
final class HttpConnections implements Connector {

    static final String CODEC = "jpxe-http-codec";
    /** Body pieces as large as a socket read: fewer, bigger writes into the image store. */
    private static final int MAX_CHUNK = 1 << 20;
    private static final int MAX_IDLE_PER_ORIGIN = 4;

    private final NettyRuntime runtime;
    private final Supplier<SecureLayer> secureLayer;
    private final Supplier<String> proxySetting;
    private final int connectTimeoutMillis;
    private final Map<String, Deque<Channel>> idle = new HashMap<>();

    HttpConnections(NettyRuntime runtime, Supplier<SecureLayer> secureLayer, Supplier<String> proxySetting,
            int connectTimeoutMillis) {
        this.runtime = runtime;
        this.secureLayer = secureLayer;
        this.proxySetting = proxySetting;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public Future<Connection> acquire(HttpTarget target, EventLoop loop) {
        HttpTarget proxy;
        try {
            proxy = proxy(target.uri());
        } catch (JpxeException e) {
            return loop.newFailedFuture(e);
        }
        String key = (proxy == null ? "" : proxy.origin() + " -> ") + target.origin();
        Channel kept = takeIdle(key);
        String proxyAuth = proxy != null && proxy.hasCredentials() ? HttpAuth.basic(proxy.user(), proxy.password())
                : null;
        boolean absoluteForm = proxy != null && !target.secure();
        if (kept != null) {
            kept.pipeline().remove(IdleGuard.NAME);
            return kept.eventLoop().newSucceededFuture(new Connection(kept, true, absoluteForm, proxyAuth));
        }
        SecureLayer tls = target.secure() ? secureLayer.get() : null;
        if (target.secure() && tls == null) {
            return loop.newFailedFuture(new JpxeException(Errno.ENOTSUP, target.shown()
                    + ": https is not in this image (no TLS bundle)"));
        }
        Promise<Connection> promise = loop.newPromise();
        HttpTarget hop = proxy != null ? proxy : target;
        new Bootstrap().group(loop).channel(runtime.socketChannelClass())
                .resolver(runtime.addressResolverGroup())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                // Reads of up to 1 MiB when the data flows fast (the default stops at 64 KiB).
                .option(ChannelOption.RCVBUF_ALLOCATOR, new io.netty.channel.AdaptiveRecvByteBufAllocator(
                        4096, 65536, MAX_CHUNK))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Added once connected, after TLS.
                    }
                })
                .connect(InetSocketAddress.createUnresolved(hop.host(), hop.port()))
                .addListener(c -> {
                    Channel ch = ((io.netty.channel.ChannelFuture) c).channel();
                    if (!c.isSuccess()) {
                        promise.tryFailure(explainConnect(hop, c.cause(), target.uri()));
                        return;
                    }
                    ch.closeFuture().addListener(x -> forget(key, ch));
                    if (proxy != null && target.secure()) {
                        tunnel(ch, target, proxyAuth).addListener(t -> {
                            if (t.isSuccess()) {
                                secure(ch, tls, target, key, promise);
                            } else {
                                ch.close();
                                promise.tryFailure(t.cause());
                            }
                        });
                    } else if (target.secure()) {
                        secure(ch, tls, target, key, promise);
                    } else {
                        ch.pipeline().addLast(CODEC, codec());
                        promise.trySuccess(new Connection(ch, false, absoluteForm, proxyAuth));
                    }
                });
        return promise;
    }

    private void secure(Channel ch, SecureLayer tls, HttpTarget target, String key, Promise<Connection> promise) {
        tls.secure(ch, target.host(), target.port(), target.uri()).addListener(h -> {
            if (!h.isSuccess()) {
                ch.close();
                promise.tryFailure(h.cause() instanceof JpxeException j ? j : explain(target, h.cause()));
                return;
            }
            ch.pipeline().addLast(CODEC, codec());
            promise.trySuccess(new Connection(ch, false, false, null));
        });
    }

    /** Default limits on the status line (4 KiB) and headers (8 KiB); body pieces up to {@link #MAX_CHUNK}. */
    static HttpClientCodec codec() {
        return new HttpClientCodec(new io.netty.handler.codec.http.HttpDecoderConfig().setMaxChunkSize(MAX_CHUNK),
                false, false);
    }

    /** {@code CONNECT host:port} through the proxy; completes once it answers 2xx. */
    private Future<Void> tunnel(Channel ch, HttpTarget target, String proxyAuth) {
        Promise<Void> tunnelled = ch.eventLoop().newPromise();
        HttpClientCodec codec = new HttpClientCodec();
        String authority = target.origin().substring("https://".length());
        DefaultFullHttpRequest connect = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.CONNECT,
                authority);
        connect.headers().set(HttpHeaderNames.HOST, authority);
        if (proxyAuth != null) {
            connect.headers().set(HttpHeaderNames.PROXY_AUTHORIZATION, proxyAuth);
        }
        ch.pipeline().addLast("jpxe-connect-codec", codec).addLast("jpxe-connect",
                new SimpleChannelInboundHandler<HttpObject>() {
                    private int status;

                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                        if (msg instanceof HttpResponse r) {
                            status = r.status().code();
                        }
                        if (msg instanceof LastHttpContent) {
                            ctx.pipeline().remove(this);
                            ctx.pipeline().remove(codec);
                            if (status / 100 == 2) {
                                tunnelled.trySuccess(null);
                            } else {
                                tunnelled.tryFailure(new JpxeException(status == 407 ? Errno.EACCES : Errno.EIO,
                                        target.shown() + ": the proxy refused CONNECT with HTTP " + status));
                            }
                        }
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        tunnelled.tryFailure(new JpxeException(Errno.ECONNRESET, target.shown()
                                + ": the proxy closed the connection during CONNECT"));
                    }
                });
        ch.writeAndFlush(connect);
        return tunnelled;
    }

    /** The proxy for {@code uri} from {@code ${http-proxy}}, or null when none is set. */
    private HttpTarget proxy(URI uri) throws JpxeException {
        String setting = proxySetting.get();
        if (setting == null || setting.isBlank()) {
            return null;
        }
        try {
            URI proxy = URI.create(setting.strip());
            if (!"http".equalsIgnoreCase(proxy.getScheme())) {
                throw new JpxeException(Errno.EINVAL, "${http-proxy} " + setting + ": only http:// proxies are supported");
            }
            return HttpTarget.parse(proxy);
        } catch (IllegalArgumentException e) {
            throw new JpxeException(Errno.EINVAL, "${http-proxy} \"" + setting + "\" is not a URI: " + e.getMessage());
        }
    }

    @Override
    public void release(HttpTarget target, Channel channel) {
        String key = idleKeyOf(target);
        synchronized (idle) {
            Deque<Channel> channels = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
            if (channels.size() < MAX_IDLE_PER_ORIGIN && channel.isActive()) {
                channel.pipeline().addLast(IdleGuard.NAME, new IdleGuard());
                channels.push(channel);
                return;
            }
        }
        channel.close();
    }

    private String idleKeyOf(HttpTarget target) {
        HttpTarget proxy;
        try {
            proxy = proxy(target.uri());
        } catch (JpxeException e) {
            proxy = null;
        }
        return (proxy == null ? "" : proxy.origin() + " -> ") + target.origin();
    }

    private Channel takeIdle(String key) {
        synchronized (idle) {
            Deque<Channel> channels = idle.get(key);
            while (channels != null && !channels.isEmpty()) {
                Channel ch = channels.pop();
                if (ch.isActive()) {
                    return ch;
                }
            }
            return null;
        }
    }

    private void forget(String key, Channel ch) {
        synchronized (idle) {
            Deque<Channel> channels = idle.get(key);
            if (channels != null) {
                channels.remove(ch);
            }
        }
    }

    /**
     * Sits on a kept-alive connection between requests: anything the server sends then (junk after
     * a body, a late close notice) makes the connection unusable, so it is closed, never reused.
     */
    private static final class IdleGuard extends io.netty.channel.ChannelInboundHandlerAdapter {
        static final String NAME = "jpxe-http-idle";

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Closes every kept-alive connection (deactivation). */
    void closeAll() {
        synchronized (idle) {
            idle.values().forEach(d -> d.forEach(Channel::close));
            idle.clear();
        }
    }

    private static JpxeException explainConnect(HttpTarget hop, Throwable cause, URI uri) {
        String where = hop.host() + ":" + hop.port();
        if (cause instanceof UnknownHostException) {
            return new JpxeException(Errno.EADDRNOTAVAIL, uri + ": cannot resolve server " + hop.host(), cause);
        }
        if (cause instanceof ConnectTimeoutException) {
            return new JpxeException(Errno.ETIMEDOUT, uri + ": no answer from " + where, cause);
        }
        if (cause instanceof ConnectException) {
            return new JpxeException(Errno.ECONNREFUSED, uri + ": " + where + " refused the connection", cause);
        }
        return new JpxeException(Errno.EIO, uri + ": cannot connect to " + where + ": " + cause.getMessage(), cause);
    }

    @Override
    public JpxeException explain(HttpTarget target, Throwable cause) {
        if (cause instanceof JpxeException j) {
            return j;
        }
        SecureLayer tls = target.secure() ? secureLayer.get() : null;
        JpxeException explained = tls == null ? null : tls.explain(cause, target.uri());
        return explained != null ? explained
                : new JpxeException(Errno.EIO, target.shown() + ": " + cause.getMessage(), cause);
    }
}
