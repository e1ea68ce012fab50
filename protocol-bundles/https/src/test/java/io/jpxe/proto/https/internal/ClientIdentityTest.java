package io.jpxe.proto.https.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jpxe.api.JpxeException;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;

/** ${cert} and ${privkey} in each form a user may give them: hex DER, PEM, or not at all. */
class ClientIdentityTest {

    @Test
    void readsHexDerAndPem() throws Exception {
        X509Bundle client = new CertificateBuilder().subject("CN=client").ecp256().setIsCertificateAuthority(true)
                .buildSelfSigned();
        String certHex = HexFormat.ofDelimiter(":").formatHex(client.getCertificate().getEncoded());
        String keyPem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(client.getKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        ClientIdentity identity = ClientIdentity.from(certHex, keyPem, name -> Optional.empty()).orElseThrow();

        assertEquals(client.getCertificate(), identity.chain()[0]);
        assertArrayEquals(client.getKeyPair().getPrivate().getEncoded(), identity.key().getEncoded());
    }

    @Test
    void noSettingsMeansNoCertificateAndHalfASettingIsAnError() throws Exception {
        assertTrue(ClientIdentity.from(null, "", name -> Optional.empty()).isEmpty());
        JpxeException e = assertThrows(JpxeException.class,
                () -> ClientIdentity.from("30:82", null, name -> Optional.empty()));
        assertTrue(e.getMessage().contains("only ${cert} is set"), e.getMessage());
        JpxeException unknown = assertThrows(JpxeException.class,
                () -> ClientIdentity.from("client.pem", "client.key", name -> Optional.empty()));
        assertTrue(unknown.getMessage().contains("name of a downloaded image"), unknown.getMessage());
    }
}
