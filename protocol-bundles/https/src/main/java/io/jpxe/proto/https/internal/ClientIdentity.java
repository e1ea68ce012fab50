package io.jpxe.proto.https.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.image.Image;

/**
 * The client certificate and key a TLS handshake presents when the server asks (iPXE's
 * {@code ${cert}} and {@code ${privkey}} settings). Each setting holds either DER bytes in hex
 * (iPXE's form, colons optional), PEM text, or the name of a downloaded image holding PEM or DER
 * ({@code imgfetch client.pem} then {@code set cert:string client.pem}). The key is PKCS#8 (RSA, EC or
 * EdDSA), as {@code openssl genpkey} and {@code openssl req -nodes} write it.
 *
 * @param key   the private key
 * @param chain the client certificate first, then any intermediates
 */
record ClientIdentity(PrivateKey key, X509Certificate[] chain) {

    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}:?)+");
    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    /**
     * The identity the two settings describe, or empty when neither is set.
     *
     * @param images finds a downloaded image by name
     * @throws JpxeException {@code EINVAL} saying which setting is wrong and why
     */
    static Optional<ClientIdentity> from(String cert, String privkey, Function<String, Optional<Image>> images)
            throws JpxeException {
        if (blank(cert) && blank(privkey)) {
            return Optional.empty();
        }
        if (blank(cert) || blank(privkey)) {
            throw new JpxeException(Errno.EINVAL, "a client certificate needs both ${cert} and ${privkey}; only ${"
                    + (blank(cert) ? "privkey" : "cert") + "} is set");
        }
        X509Certificate[] chain = certificates(bytes("cert", cert, images));
        PrivateKey key = privateKey(bytes("privkey", privkey, images));
        return Optional.of(new ClientIdentity(key, chain));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static byte[] bytes(String setting, String value, Function<String, Optional<Image>> images)
            throws JpxeException {
        String v = value.strip();
        if (v.contains("-----BEGIN")) {
            return v.getBytes(StandardCharsets.US_ASCII);
        }
        if (HEX.matcher(v).matches()) {
            byte[] raw = HexFormat.of().parseHex(v.replace(":", ""));
            // The settings are typed hex: a name or PEM text stored with "set privkey:string ..."
            // comes back as the hex of its characters.
            String text = new String(raw, StandardCharsets.US_ASCII);
            if (!text.contains("-----BEGIN") && !(text.chars().allMatch(c -> c > ' ' && c < 0x7F)
                    && images.apply(text).isPresent())) {
                return raw;
            }
            v = text;
            if (v.contains("-----BEGIN")) {
                return raw;
            }
        }
        Optional<Image> image = images.apply(v);
        if (image.isEmpty()) {
            throw new JpxeException(Errno.EINVAL, "${" + setting + "} is neither DER in hex, PEM text nor the name"
                    + " of a downloaded image: \"" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "\"");
        }
        try {
            return Files.readAllBytes(image.get().path());
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "${" + setting + "}: cannot read image " + v + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] certificates(byte[] bytes) throws JpxeException {
        try {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) {
                throw new JpxeException(Errno.EINVAL, "${cert} holds no X.509 certificate");
            }
            return chain.toArray(X509Certificate[]::new);
        } catch (CertificateException e) {
            throw new JpxeException(Errno.EINVAL, "${cert} is not an X.509 certificate (PEM or DER): "
                    + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(byte[] bytes) throws JpxeException {
        byte[] der = bytes;
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN")) {
            Matcher m = PEM_KEY.matcher(text);
            if (!m.find()) {
                throw new JpxeException(Errno.EINVAL, "${privkey} is PEM but not a PKCS#8 \"PRIVATE KEY\""
                        + " (convert it with: openssl pkcs8 -topk8 -nocrypt)");
            }
            der = Base64.getMimeDecoder().decode(m.group(1));
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new JpxeException(Errno.EINVAL, "${privkey} is not an unencrypted PKCS#8 RSA, EC or EdDSA key");
    }
}
