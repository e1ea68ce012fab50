package io.jpxe.proto.https.internal;

import java.net.URI;
import java.time.Clock;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.image.ImageStore;
import io.jpxe.api.settings.Settings;
import io.jpxe.proto.http.SecureLayer;
import io.netty.channel.Channel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * TLS 1.2 and 1.3 under HTTP, on BoringSSL when the image carries Netty's native TLS fragment
 * (feature {@code tls-native}) and on the JDK's engine otherwise; framework property
 * {@value #PROVIDER_PROPERTY} ({@code jdk} or {@code openssl}) forces one. The native engine decrypts
 * in C with no JIT warm-up: a fresh JVM's JDK engine runs its first hundreds of megabytes through
 * interpreted and C1 code. Either way: : SNI and RFC 2818 host name checks, certificates
 * checked by a {@link CheckingTrustManager} against the {@link TrustStore} and {@code ${trust}},
 * read at each connection so a script's {@code set trust ...} applies to its next download; a client
 * certificate from {@code ${cert}} and {@code ${privkey}} (see {@link ClientIdentity}) when set.
 */
@Component(service = SecureLayer.class)
public final class TlsLayer implements SecureLayer {

    static final String HANDLER = "jpxe-tls";
    /**
     * The JDK's default suites, AES-128-GCM first: servers follow the client's order (TLS 1.3, and
     * nginx by default for 1.2), and AES-128 decrypts about a third faster than AES-256, which
     * bounds an HTTPS download's rate on the I/O thread. Equally strong for a boot download.
     */
    private static final List<String> CIPHER_SUITES = aes128First();
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 15_000;
    static final String PROVIDER_PROPERTY = "jpxe.tls.provider";

    private final TrustStore store;
    private final Clock clock;
    /**
     * The engine, chosen at the first connection: looking for BoringSSL loads a 3 MB native library,
     * which under emulation took seconds of every boot, https or not (the HTTP client binds this layer).
     */
    private final Supplier<SslProvider> provider;
    /** Null only in tests that pass {@code ${trust}} themselves. */
    private final Settings settings;
    private final ImageStore images;

    /**
     * Settings and the image store are static, mandatory references: every image has both, and a
     * dynamic optional one raced with their registration at start-up (SCR activated the layer first
     * and, once in a while, never called the bind method, so {@code ${trust}} was ignored).
     */
    @Activate
    public TlsLayer(@Reference(name = "store") TrustStore store, @Reference(name = "settings") Settings settings,
            @Reference(name = "images") ImageStore images, BundleContext context) {
        this(store, Clock.systemUTC(), chosenOnFirstUse(context.getProperty(PROVIDER_PROPERTY)), settings, images);
    }

    TlsLayer(TrustStore store, Clock clock, SslProvider provider) {
        this(store, clock, () -> provider, null, null);
    }

    private TlsLayer(TrustStore store, Clock clock, Supplier<SslProvider> provider, Settings settings,
            ImageStore images) {
        this.store = store;
        this.clock = clock;
        this.provider = provider;
        this.settings = settings;
        this.images = images;
    }

    /**
     * The engine to use: {@code requested} ({@code jdk} or {@code openssl}) or, when unset, the
     * native one if it loads.
     *
     * @throws IllegalArgumentException for another value, or {@code openssl} when it does not load
     */
    static SslProvider provider(String requested) {
        return Requested.parse(requested).resolve();
    }

    /** What {@value #PROVIDER_PROPERTY} asks for; only {@link #resolve} looks for BoringSSL. */
    private enum Requested {
        ANY, JDK, OPENSSL;

        /** @throws IllegalArgumentException for a value other than empty, {@code jdk} or {@code openssl} */
        static Requested parse(String value) {
            return switch (value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "" -> ANY;
                case "jdk" -> JDK;
                case "openssl" -> OPENSSL;
                default -> throw new IllegalArgumentException(PROVIDER_PROPERTY + " must be jdk or openssl, not '"
                        + value + "'");
            };
        }

        /** @throws IllegalArgumentException for {@code openssl} when BoringSSL does not load */
        SslProvider resolve() {
            return switch (this) {
                case ANY -> nativeAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
                case JDK -> SslProvider.JDK;
                case OPENSSL -> {
                    if (!nativeAvailable()) {
                        throw new IllegalArgumentException(PROVIDER_PROPERTY + "=openssl, but Netty's native TLS does"
                                + " not load here: " + OpenSsl.unavailabilityCause());
                    }
                    yield SslProvider.OPENSSL;
                }
            };
        }
    }

    private static boolean nativeAvailable() {
        try {
            return OpenSsl.isAvailable();
        } catch (LinkageError tcnativeNotWired) {
            return false;
        }
    }

    /** The engine connections use (for diagnostics and tests). */
    SslProvider provider() {
        return provider.get();
    }

    /**
     * The engine {@code value} asks for, resolved on first use and then remembered; an unknown value
     * fails at once, at activation, where it is a configuration error, not at the first download.
     */
    private static Supplier<SslProvider> chosenOnFirstUse(String value) {
        Requested requested = Requested.parse(value);
        return new Supplier<>() {
            private volatile SslProvider chosen;

            @Override
            public SslProvider get() {
                SslProvider p = chosen;
                if (p == null) {
                    p = requested.resolve();
                    chosen = p;
                }
                return p;
            }
        };
    }

    @Override
    public Future<Channel> secure(Channel channel, String host, int port, URI uri) {
        Settings s = settings;
        if (s == null) {
            return secure(channel, host, port, uri, null, null);
        }
        ImageStore store = images;
        try {
            Optional<ClientIdentity> identity = ClientIdentity.from(s.fetch("cert").orElse(null),
                    s.fetch("privkey").orElse(null),
                    name -> store == null ? Optional.empty() : store.find(name));
            return secure(channel, host, port, uri, s.fetch("trust").orElse(null), identity.orElse(null));
        } catch (JpxeException e) {
            return channel.eventLoop().<Channel>newPromise().setFailure(
                    new JpxeException(e.errno(), uri + ": " + e.getMessage(), e));
        }
    }

    /** {@link #secure(Channel, String, int, URI)} with the {@code ${trust}} value given. */
    Future<Channel> secure(Channel channel, String host, int port, URI uri, String trust) {
        return secure(channel, host, port, uri, trust, null);
    }

    /**
     * {@link #secure(Channel, String, int, URI)} with {@code ${trust}} and the client identity
     * ({@code ${cert}}, {@code ${privkey}}; null for none) given.
     */
    Future<Channel> secure(Channel channel, String host, int port, URI uri, String trust, ClientIdentity identity) {
        Promise<Channel> secured = channel.eventLoop().newPromise();
        SslHandler tls;
        try {
            tls = handler(channel, host, port, trust, identity);
        } catch (SSLException e) {
            return secured.setFailure(TlsFailures.handshake(uri, host, e));
        } catch (IllegalArgumentException e) { // jpxe.tls.provider=openssl where BoringSSL does not load
            return secured.setFailure(new JpxeException(io.jpxe.api.Errno.ENOTSUP, uri + ": " + e.getMessage(), e));
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

    private SslHandler handler(Channel channel, String host, int port, String trust, ClientIdentity identity)
            throws SSLException {
        SslProvider provider = this.provider.get();
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols("TLSv1.3", "TLSv1.2")
                // BoringSSL's own order already favours what the CPU accelerates; the JDK's list has
                // suites it lacks (DSS), which would fail the context.
                .ciphers(provider == SslProvider.JDK ? CIPHER_SUITES : null)
                .trustManager(new CheckingTrustManager(store, trust, host, clock.instant()));
        if (identity != null) {
            builder.keyManager(identity.key(), identity.chain());
        }
        SslContext context = builder.build();
        SslHandler handler = context.newHandler(channel.alloc(), host, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeout(HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        return handler;
    }

    private static List<String> aes128First() {
        try {
            List<String> suites = new ArrayList<>(List.of(
                    SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()));
            suites.sort(Comparator.comparing(suite -> !suite.contains("AES_128_GCM"))); // stable: the rest keep their order
            return List.copyOf(suites);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
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
