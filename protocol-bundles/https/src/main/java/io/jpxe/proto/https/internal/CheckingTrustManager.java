package io.jpxe.proto.https.internal;

import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import io.jpxe.api.JpxeException;

/**
 * Validates one server's chain (PKIX, with RFC 2818 host name checks from the engine's endpoint
 * identification) against the {@link TrustStore}'s anchors, and turns every refusal into an
 * {@link UntrustedCertificate} that says which of expired, not yet valid, clock wrong, wrong host
 * or unknown CA it is. Client side only.
 */
final class CheckingTrustManager extends X509ExtendedTrustManager {

    /** No real certificate is checked before this: an earlier clock is wrong, not the certificate. */
    static final Instant EARLIEST_SANE_CLOCK = Instant.parse("2025-01-01T00:00:00Z");

    private final TrustStore store;
    private final String trustSetting;
    private final String host;
    private final Instant now;

    CheckingTrustManager(TrustStore store, String trustSetting, String host, Instant now) {
        this.store = store;
        this.trustSetting = trustSetting;
        this.host = host;
        this.now = now;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkDates(chain);
        X509ExtendedTrustManager pkix = pkix(chain);
        try {
            pkix.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw classify(chain, e);
        }
    }

    private void checkDates(X509Certificate[] chain) throws UntrustedCertificate {
        for (X509Certificate c : chain) {
            try {
                c.checkValidity(java.util.Date.from(now));
            } catch (CertificateExpiredException e) {
                throw new UntrustedCertificate(UntrustedCertificate.Kind.EXPIRED, "the certificate of "
                        + subject(c) + " expired on " + c.getNotAfter().toInstant() + " (this machine's clock says "
                        + now + ")", e);
            } catch (CertificateNotYetValidException e) {
                if (now.isBefore(EARLIEST_SANE_CLOCK)) {
                    throw new UntrustedCertificate(UntrustedCertificate.Kind.CLOCK, "this machine's clock says "
                            + now + ", which cannot be right: the certificate of " + subject(c)
                            + " is valid from " + c.getNotBefore().toInstant() + "; set the clock (or use NTP)", e);
                }
                throw new UntrustedCertificate(UntrustedCertificate.Kind.NOT_YET_VALID, "the certificate of "
                        + subject(c) + " is not valid before " + c.getNotBefore().toInstant()
                        + " and this machine's clock says " + now + ": check the server's or this clock", e);
            }
        }
    }

    private X509ExtendedTrustManager pkix(X509Certificate[] chain) throws UntrustedCertificate {
        try {
            List<X509Certificate> anchors = store.anchors(trustSetting, chain);
            if (anchors.isEmpty()) {
                throw unknownCa(chain, null);
            }
            KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
            keyStore.load(null, null);
            int i = 0;
            for (X509Certificate anchor : anchors) {
                keyStore.setCertificateEntry("anchor-" + i++, anchor);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(keyStore);
            return (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
        } catch (JpxeException e) {
            throw new UntrustedCertificate(UntrustedCertificate.Kind.BAD_TRUST_SETTING, e.getMessage(), e);
        } catch (UntrustedCertificate e) {
            throw e;
        } catch (Exception e) {
            throw new UntrustedCertificate(UntrustedCertificate.Kind.UNKNOWN_CA, "cannot build the trust anchors: "
                    + e.getMessage(), e);
        }
    }

    private UntrustedCertificate classify(X509Certificate[] chain, CertificateException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return new UntrustedCertificate(UntrustedCertificate.Kind.WRONG_HOST, "the certificate is for "
                    + names(chain[0]) + ", not " + host, e);
        }
        return unknownCa(chain, e);
    }


    private UntrustedCertificate unknownCa(X509Certificate[] chain, Throwable cause) {
        X509Certificate top = chain[chain.length - 1];
        boolean pinned = trustSetting != null && !trustSetting.isBlank();
        return new UntrustedCertificate(UntrustedCertificate.Kind.UNKNOWN_CA, "the certificate of "
                + subject(chain[0]) + " is issued by " + top.getIssuerX500Principal().getName()
                + ", a CA " + (pinned ? "whose fingerprint is not in ${trust}" : "this machine does not trust")
                + " (SHA-256 of the top of the chain: " + TrustStore.fingerprint(top) + "; certstore it or add it"
                + " to ${trust})", cause);
    }

    private static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    private static String names(X509Certificate c) {
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null && !sans.isEmpty()) {
                return sans.stream().map(san -> String.valueOf(san.get(1))).collect(Collectors.joining(", "));
            }
        } catch (CertificateException ignored) {
            // Fall back to the subject.
        }
        return subject(c);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType, (SSLEngine) null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkServerTrusted(chain, authType, (SSLEngine) null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("jPXE is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("jPXE is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("jPXE is a TLS client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
