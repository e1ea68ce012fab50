package io.jpxe.proto.https.internal;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jpxe.api.JpxeException;
import io.jpxe.api.settings.Settings;
import io.jpxe.proto.http.SecureLayer;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * TLS 1.2 and 1.3 (the JDK's engine) under HTTP: SNI and RFC 2818 host name checks, certificates
 * checked by a {@link CheckingTrustManager} against the {@link TrustStore} and {@code ${trust}},
 * read at each connection so a script's {@code set trust ...} applies to its next download.
 */
@Component(service = SecureLayer.class)
public final class TlsLayer implements SecureLayer {

    static final String HANDLER = "jpxe-tls";
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 15_000;

    private final TrustStore store;
    private final Clock clock;
    private volatile Settings settings;

    @Activate
    public TlsLayer(@Reference(name = "store") TrustStore store) {
        this(store, Clock.systemUTC());
    }

    TlsLayer(TrustStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Reference(name = "settings", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSettings(Settings s) {
        settings = s;
    }

    void unbindSettings(Settings s) {
        if (settings == s) {
            settings = null;
        }
    }

    @Override
    public Future<Channel> secure(Channel channel, String host, int port, URI uri) {
        Settings s = settings;
        return secure(channel, host, port, uri, s == null ? null : s.fetch("trust").orElse(null));
    }

    /** {@link #secure(Channel, String, int, URI)} with the {@code ${trust}} value given. */
    Future<Channel> secure(Channel channel, String host, int port, URI uri, String trust) {
        Promise<Channel> secured = channel.eventLoop().newPromise();
        SslHandler tls;
        try {
            tls = handler(channel, host, port, trust);
        } catch (SSLException e) {
            return secured.setFailure(TlsFailures.handshake(uri, host, e));
        }
        channel.pipeline().addFirst(HANDLER, tls);
        HandshakeFailureSink failures = new HandshakeFailureSink();
        channel.pipeline().addLast(HandshakeFailureSink.NAME, failures);
        tls.handshakeFuture().addListener(h -> {
            // On failure the sink stays: the handler fires the exception after failing this future.
            if (h.isSuccess() && channel.pipeline().context(failures) != null) {
                channel.pipeline().remove(failures);
            }
            if (h.isSuccess()) {
                secured.trySuccess(channel);
            } else {
                secured.tryFailure(TlsFailures.handshake(uri, host, h.cause()));
            }
        });
        return secured;
    }

    private SslHandler handler(Channel channel, String host, int port, String trust) throws SSLException {
        SslContext context = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .trustManager(new CheckingTrustManager(store, trust, host, clock.instant()))
                .build();
        SslHandler handler = context.newHandler(channel.alloc(), host, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeout(HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        return handler;
    }

    /**
     * Takes the exception a failed handshake fires down the pipeline: the handshake future already
     * carries it to the caller, so it must not reach the pipeline's tail as an unhandled warning.
     */
    private static final class HandshakeFailureSink extends io.netty.channel.ChannelInboundHandlerAdapter {
        static final String NAME = "jpxe-tls-handshake-failures";

        @Override
        public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public JpxeException explain(Throwable cause, URI uri) {
        return TlsFailures.established(uri, cause);
    }
}
