package io.jpxe.images.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

class UriResolutionTest {
    private static final URI BASE = URI.create("http://a/b/c/d;p?q");

    /** RFC 3986 §5.4.1 and §5.4.2. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "g:h|g:h", "g|http://a/b/c/g", "./g|http://a/b/c/g", "g/|http://a/b/c/g/", "/g|http://a/g",
        "//g|http://g", "?y|http://a/b/c/d;p?y", "g?y|http://a/b/c/g?y", "#s|http://a/b/c/d;p?q#s",
        "g#s|http://a/b/c/g#s", "g?y#s|http://a/b/c/g?y#s", ";x|http://a/b/c/;x", "g;x|http://a/b/c/g;x",
        "''|http://a/b/c/d;p?q", ".|http://a/b/c/", "./|http://a/b/c/", "..|http://a/b/", "../|http://a/b/",
        "../g|http://a/b/g", "../..|http://a/", "../../g|http://a/g", "../../../g|http://a/g",
        "/./g|http://a/g", "/../g|http://a/g", "g.|http://a/b/c/g.", ".g|http://a/b/c/.g", "g..|http://a/b/c/g..",
        "./../g|http://a/b/g", "./g/.|http://a/b/c/g/", "g/./h|http://a/b/c/g/h", "g/../h|http://a/b/c/h",
        "g;x=1/./y|http://a/b/c/g;x=1/y", "g;x=1/../y|http://a/b/c/y"})
    void resolvesTheRfcExamples(String reference, String expected) throws JpxeException {
        assertEquals(URI.create(expected), UriResolution.resolve(BASE, UriResolution.parse(reference)));
    }

    @Test
    void resolvesAgainstABaseWithoutPath() throws JpxeException {
        assertEquals(URI.create("tftp://10.0.0.1/boot.ipxe"),
                UriResolution.resolve(URI.create("tftp://10.0.0.1"), URI.create("boot.ipxe")));
    }

    @Test
    void encodesCharactersAUriCannotHold() throws JpxeException {
        assertEquals("http://srv/VMware%20Virtual%20Platform/boot%25.ipxe?x=%C3%A9",
                UriResolution.parse("http://srv/VMware Virtual Platform/boot%.ipxe?x=é").toString());
        assertEquals("http://srv/a%20b", UriResolution.parse("http://srv/a%20b").toString());
    }

    @Test
    void keepsIpxeParamsMarkersInTheFragment() throws JpxeException {
        URI named = UriResolution.parse("http://srv/boot.php##params=form");
        assertEquals("/boot.php", named.getPath());
        assertEquals("#params=form", named.getFragment());
        assertEquals("#params", UriResolution.parse("http://srv/boot.php##params").getFragment());
        assertEquals("#params", UriResolution.resolve(URI.create("http://srv/dir/"),
                UriResolution.parse("boot.php##params")).getFragment());
    }

    @Test
    void rejectsWhatCannotBeAUri() {
        JpxeException e = assertThrows(JpxeException.class, () -> UriResolution.parse("http://[bad/x"));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(true, e.getMessage().contains("http://[bad/x"), e.getMessage());
    }
}
