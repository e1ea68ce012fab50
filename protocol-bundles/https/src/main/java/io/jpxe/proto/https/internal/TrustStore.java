package io.jpxe.proto.https.internal;

import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * The certificates HTTPS trusts, in iPXE's model made visible: the JDK's CA store by default, plus
 * certificates added with {@code certstore}; when {@code ${trust}} lists SHA-256 fingerprints, only
 * certificates with those fingerprints are roots (from the JDK store, the stored ones, or the
 * server's own chain, so a self-signed server is trusted by its fingerprint). Thread-safe.
 */
@Component(service = TrustStore.class)
public final class TrustStore {

    private final List<X509Certificate> stored = new ArrayList<>();

    /** Adds a certificate ({@code certstore}); a duplicate is ignored. */
    public synchronized void add(X509Certificate certificate) {
        String fingerprint = fingerprint(certificate);
        if (stored.stream().noneMatch(c -> fingerprint(c).equals(fingerprint))) {
            stored.add(certificate);
        }
    }

    /** Removes stored certificates, all when {@code fingerprintPrefix} is null; returns how many. */
    public synchronized int remove(String fingerprintPrefix) {
        int before = stored.size();
        stored.removeIf(c -> fingerprintPrefix == null || fingerprint(c).startsWith(normalise(fingerprintPrefix)));
        return before - stored.size();
    }

    public synchronized List<X509Certificate> stored() {
        return List.copyOf(stored);
    }

    /** The JDK's own CA certificates ({@code cacerts}). */
    static List<X509Certificate> jdkAuthorities() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return List.of(x509.getAcceptedIssuers());
                }
            }
            return List.of();
        } catch (Exception e) {
            throw new IllegalStateException("the JDK's CA store cannot be read", e);
        }
    }

    /**
     * The roots to validate a chain against.
     *
     * @param trust  the {@code ${trust}} setting, or null/blank for the JDK store plus stored certificates
     * @param chain  the server's chain (candidates when {@code trust} names them)
     * @throws JpxeException {@code EINVAL} when {@code trust} is not a list of SHA-256 fingerprints
     */
    List<X509Certificate> anchors(String trust, X509Certificate[] chain) throws JpxeException {
        List<X509Certificate> candidates = new ArrayList<>(jdkAuthorities());
        candidates.addAll(stored());
        if (trust == null || trust.isBlank()) {
            return candidates;
        }
        Set<String> trusted = fingerprints(trust);
        candidates.addAll(List.of(chain));
        List<X509Certificate> anchors = new ArrayList<>();
        for (X509Certificate c : candidates) {
            if (trusted.contains(fingerprint(c))) {
                anchors.add(c);
            }
        }
        return anchors;
    }

    /** {@code ${trust}}: SHA-256 fingerprints in hex, separated by commas, spaces or nothing; colons allowed. */
    static Set<String> fingerprints(String trust) throws JpxeException {
        String hex = normalise(trust);
        if (hex.isEmpty() || hex.length() % 64 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new JpxeException(Errno.EINVAL, "${trust} \"" + trust + "\" is not a list of SHA-256 fingerprints"
                    + " (64 hex digits each)");
        }
        Set<String> fingerprints = new LinkedHashSet<>();
        for (int i = 0; i < hex.length(); i += 64) {
            fingerprints.add(hex.substring(i, i + 64));
        }
        return fingerprints;
    }

    private static String normalise(String text) {
        return text.replaceAll("[\\s,:]", "").toLowerCase(Locale.ROOT);
    }

    /** The SHA-256 of the certificate's DER encoding, lower-case hex (as {@code certstat} shows it). */
    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }
}
