package io.jpxe.proto.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HttpAuthTest {

    @Test
    void digestMatchesTheRfc2617Example() {
        String header = HttpAuth.authorization(List.of("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""),
                "GET", "/dir/index.html", "Mufasa", "Circle Of Life", "0a4f113b");

        assertTrue(header.contains("response=\"6629fae49393a05397450978507c4ef1\""), header);
        assertTrue(header.contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\""), header);
        assertTrue(header.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), header);
    }

    @Test
    void basicIsRfc7617() {
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
                HttpAuth.authorization(List.of("Basic realm=\"x\""), "GET", "/", "Aladdin", "open sesame", "c"));
    }

    @Test
    void unknownSchemesGiveNothing() {
        assertNull(HttpAuth.authorization(List.of("Negotiate", "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512"),
                "GET", "/", "u", "p", "c"));
    }

    @Test
    void parsesQuotedParameters() {
        assertEquals(Map.of("realm", "a, \"b\"", "nonce", "n", "stale", "false"),
                HttpAuth.parameters("realm=\"a, \\\"b\\\"\", nonce=n ,stale=false"));
    }
}
