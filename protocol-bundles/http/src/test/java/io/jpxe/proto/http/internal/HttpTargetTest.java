package io.jpxe.proto.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;

class HttpTargetTest {

    @Test
    void theHostHeaderCarriesNoZoneId() throws Exception {
        assertEquals("[fe80::1]:8080", HttpTarget.parse(URI.create("http://[fe80::1%25net0]:8080/x")).hostHeader());
        assertEquals("[fd00::1]", HttpTarget.parse(URI.create("http://[fd00::1]/x")).hostHeader());
        assertEquals("boot.example:8080", HttpTarget.parse(URI.create("http://boot.example:8080/")).hostHeader());
        assertEquals("boot.example", HttpTarget.parse(URI.create("https://boot.example:443/")).hostHeader());
    }
}
