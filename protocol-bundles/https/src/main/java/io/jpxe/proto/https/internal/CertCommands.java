package io.jpxe.proto.https.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageStore;

/** What {@code certstat}, {@code certstore} and {@code certfree} share: reading and showing certificates. */
final class CertCommands {

    private CertCommands() {
    }

    /** iPXE's {@code certstat} line: {@code <subject> : <sha256> [PERMANENT|ADDED] [TRUSTED]}. */
    static String describe(X509Certificate c, boolean permanent) {
        return c.getSubjectX500Principal().getName() + " : " + TrustStore.fingerprint(c)
                + (permanent ? " [PERMANENT]" : " [ADDED]") + " expires " + c.getNotAfter().toInstant();
    }

    /** The certificates (PEM or DER, one or more) held by the image called {@code name}. */
    static List<X509Certificate> fromImage(ImageStore images, String name) throws JpxeException {
        Image image = images.find(name)
                .orElseThrow(() -> new JpxeException(Errno.ENOENT, "\"" + name + "\": no such image"));
        try {
            byte[] bytes = Files.readAllBytes(image.path());
            List<X509Certificate> certificates = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new JpxeException(Errno.ENOEXEC, "\"" + name + "\": holds no X.509 certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new JpxeException(Errno.ENOEXEC, "\"" + name + "\": not an X.509 certificate (PEM or DER): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "\"" + name + "\": cannot read: " + e.getMessage(), e);
        }
    }
}
