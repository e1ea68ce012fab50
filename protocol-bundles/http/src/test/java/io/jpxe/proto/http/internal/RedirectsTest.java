package io.jpxe.proto.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

class RedirectsTest {

    @Test
    void aRelativeLocationResolvesAgainstTheUriThatSentIt() throws JpxeException {
        HttpTarget from = HttpTarget.parse(URI.create("http://boot.test/images/a?x=1"));
        HttpTarget next = new Redirects(from.uri(), 5).follow(from, 302, " ../kernels/b ");
        assertEquals(URI.create("http://boot.test/kernels/b"), next.uri());
        assertEquals("/kernels/b", next.requestTarget());
    }

    @Test
    void credentialsFollowToTheSameOriginOnly() throws JpxeException {
        HttpTarget from = HttpTarget.parse(URI.create("https://alice:s3cret@boot.test/a"));
        Redirects redirects = new Redirects(from.uri(), 5);
        HttpTarget same = redirects.follow(from, 301, "/b");
        assertEquals("alice", same.user());
        assertEquals("s3cret", same.password());
        HttpTarget other = redirects.follow(same, 302, "https://mirror.test/c");
        assertNull(other.user(), "no credentials for another server");
        HttpTarget otherPort = redirects.follow(same, 302, "https://boot.test:8443/d");
        assertNull(otherPort.user(), "another port is another origin");
    }

    @Test
    void aLoopIsNamedAndTheCountIsBounded() throws JpxeException {
        HttpTarget a = HttpTarget.parse(URI.create("http://boot.test/a"));
        Redirects loop = new Redirects(a.uri(), 5);
        HttpTarget b = loop.follow(a, 302, "/b");
        JpxeException back = assertThrows(JpxeException.class, () -> loop.follow(b, 302, "/a"));
        assertEquals("http://boot.test/a: redirect loop: http://boot.test/b sends back to http://boot.test/a",
                back.getMessage());

        Redirects bounded = new Redirects(a.uri(), 2);
        HttpTarget hop = bounded.follow(a, 302, "/1");
        HttpTarget last = bounded.follow(hop, 302, "/2");
        JpxeException tooMany = assertThrows(JpxeException.class, () -> bounded.follow(last, 302, "/3"));
        assertEquals("http://boot.test/a: more than 2 redirects", tooMany.getMessage());
    }

    @Test
    void aMissingOrUnusableLocationSaysWhatWasWrong() throws JpxeException {
        HttpTarget a = HttpTarget.parse(URI.create("http://boot.test/a"));
        Redirects redirects = new Redirects(a.uri(), 5);
        JpxeException none = assertThrows(JpxeException.class, () -> redirects.follow(a, 307, " "));
        assertEquals("http://boot.test/a: HTTP 307 without a Location", none.getMessage());
        JpxeException invalid = assertThrows(JpxeException.class, () -> redirects.follow(a, 302, "http://[bad"));
        assertEquals(Errno.EPROTO, invalid.errno());
        JpxeException scheme = assertThrows(JpxeException.class, () -> redirects.follow(a, 302, "ftp://boot.test/x"));
        assertEquals(Errno.EIO, scheme.errno());
        assertTrue(scheme.getMessage().startsWith("http://boot.test/a: redirect to an unusable URI: "),
                scheme.getMessage());
    }
}
