package io.jpxe.proto.https.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.netty.util.concurrent.Future;

/** Handshakes between the TLS layer and a scripted server on EmbeddedChannels: each refusal says why. */
/** Every case on both engines: the JDK's and Netty's BoringSSL (the test class path carries its native library). */
class TlsLayerTest {

    private static final URI URI_X = URI.create("https://boot.test/x");
    /** The real time: the JDK's PKIX validator checks dates against the system clock too. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final TrustStore store = new TrustStore();

    private static X509Bundle selfSigned(String host, Instant notBefore, Instant notAfter) throws Exception {
        return new CertificateBuilder().subject("CN=" + host).addSanDnsName(host).notBefore(notBefore)
                .notAfter(notAfter).ecp256().setIsCertificateAuthority(true).addExtendedKeyUsageServerAuth()
                .buildSelfSigned();
    }

    private static X509Bundle valid(String host) throws Exception {
        return selfSigned(host, NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS));
    }

    private Future<Channel> handshake(SslProvider provider, X509Bundle server, String host, String trust, Instant clock)
            throws Exception {
        EmbeddedChannel serverChannel = new EmbeddedChannel(SslContextBuilder.forServer(server.toKeyManagerFactory())
                .sslProvider(SslProvider.JDK).build().newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT));
        EmbeddedChannel client = new EmbeddedChannel();
        TlsLayer layer = new TlsLayer(store, Clock.fixed(clock, ZoneOffset.UTC), provider);
        Future<Channel> secured = layer.secure(client, host, 443, URI_X, trust);
        for (int round = 0; round < 20 && !secured.isDone(); round++) {
            pump(client, serverChannel);
            pump(serverChannel, client);
        }
        return secured;
    }

    private static void pump(EmbeddedChannel from, EmbeddedChannel to) {
        ByteBuf out;
        while ((out = from.readOutbound()) != null) {
            if (to.isOpen()) {
                try {
                    to.writeInbound(out);
                } catch (RuntimeException alertOrFailure) {
                    // The server side fails when it reads our alert; the client's failure is in its future.
                }
            } else {
                out.release();
            }
        }
    }

    private static JpxeException failure(Future<Channel> secured) {
        assertTrue(secured.isDone(), "the handshake ended");
        return assertInstanceOf(JpxeException.class, secured.cause());
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void trustsASelfSignedServerByItsFingerprintInTrust(SslProvider provider) throws Exception {
        X509Bundle server = valid("boot.test");

        Future<Channel> secured = handshake(provider, server, "boot.test", TrustStore.fingerprint(server.getCertificate()), NOW);

        assertTrue(secured.isSuccess(), () -> String.valueOf(secured.cause()));
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void trustsACertificateAddedWithCertstore(SslProvider provider) throws Exception {
        X509Bundle ca = new CertificateBuilder().subject("CN=Boot CA").ecp256().setIsCertificateAuthority(true)
                .notBefore(NOW.minus(1, ChronoUnit.DAYS)).notAfter(NOW.plus(300, ChronoUnit.DAYS)).buildSelfSigned();
        X509Bundle leaf = new CertificateBuilder().subject("CN=boot.test").addSanDnsName("boot.test").ecp256()
                .notBefore(NOW.minus(1, ChronoUnit.DAYS)).notAfter(NOW.plus(30, ChronoUnit.DAYS))
                .addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
        store.add(ca.getCertificate());

        Future<Channel> secured = handshake(provider, leaf, "boot.test", null, NOW);

        assertTrue(secured.isSuccess(), () -> String.valueOf(secured.cause()));
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void namesAnUnknownCaAndTheFingerprintToTrust(SslProvider provider) throws Exception {
        X509Bundle server = valid("boot.test");

        JpxeException e = failure(handshake(provider, server, "boot.test", null, NOW));

        assertEquals(Errno.EACCES, e.errno());
        assertEquals("https://boot.test/x: the certificate of CN=boot.test is issued by CN=boot.test, a CA this"
                + " machine does not trust (SHA-256 of the top of the chain: "
                + TrustStore.fingerprint(server.getCertificate()) + "; certstore it or add it to ${trust})",
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void namesAWrongHost(SslProvider provider) throws Exception {
        X509Bundle server = valid("boot.test");

        JpxeException e = failure(handshake(provider, server, "evil.test", TrustStore.fingerprint(server.getCertificate()), NOW));

        assertEquals("https://boot.test/x: the certificate is for boot.test, not evil.test", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void namesAnExpiredCertificate(SslProvider provider) throws Exception {
        X509Bundle server = selfSigned("boot.test", NOW.minus(60, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS));

        JpxeException e = failure(handshake(provider, server, "boot.test", TrustStore.fingerprint(server.getCertificate()), NOW));

        assertTrue(e.getMessage().startsWith("https://boot.test/x: the certificate of CN=boot.test expired on "
                + NOW.minus(1, ChronoUnit.DAYS).toString().substring(0, 10)), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void tellsAWrongClockFromANotYetValidCertificate(SslProvider provider) throws Exception {
        X509Bundle server = valid("boot.test");
        String trust = TrustStore.fingerprint(server.getCertificate());

        JpxeException clock = failure(handshake(provider, server, "boot.test", trust, Instant.parse("2001-01-01T00:00:00Z")));
        JpxeException early = failure(handshake(provider, server, "boot.test", trust, NOW.minus(10, ChronoUnit.DAYS)));

        assertTrue(clock.getMessage().contains("this machine's clock says 2001-01-01T00:00:00Z, which cannot be right"),
                clock.getMessage());
        assertTrue(early.getMessage().contains("is not valid before"), early.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void aTruncatedHandshakeSaysTheServerBrokeOff(SslProvider provider) throws Exception {
        EmbeddedChannel client = new EmbeddedChannel();
        TlsLayer layer = new TlsLayer(store, Clock.fixed(NOW, ZoneOffset.UTC), provider);
        Future<Channel> secured = layer.secure(client, "boot.test", 443, URI_X, null);
        ByteBuf hello = client.readOutbound();
        assertTrue(hello != null && hello.readableBytes() > 0, "a ClientHello went out");
        hello.release();
        client.close();

        JpxeException e = failure(secured);
        assertEquals(Errno.ECONNRESET, e.errno());
        assertTrue(e.getMessage().contains("broke off"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void refusesATrustSettingThatIsNoFingerprint(SslProvider provider) throws Exception {
        X509Bundle server = valid("boot.test");

        JpxeException e = failure(handshake(provider, server, "boot.test", "not-hex", NOW));

        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("${trust} \"not-hex\" is not a list of SHA-256 fingerprints"),
                e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void prefersTheNativeEngineWhenItLoadsAndHonoursTheOverride() {
        assertTrue(io.netty.handler.ssl.OpenSsl.isAvailable(), () -> "BoringSSL should load from the test class path: "
                + io.netty.handler.ssl.OpenSsl.unavailabilityCause());
        assertEquals(SslProvider.OPENSSL, TlsLayer.provider(null));
        assertEquals(SslProvider.JDK, TlsLayer.provider(" JDK "));
        assertEquals(SslProvider.OPENSSL, TlsLayer.provider("openssl"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsLayer.provider("gnutls"));
        assertEquals("jpxe.tls.provider must be jdk or openssl, not 'gnutls'", e.getMessage());
    }
}
