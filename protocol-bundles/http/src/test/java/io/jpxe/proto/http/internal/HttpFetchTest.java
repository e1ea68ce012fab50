package io.jpxe.proto.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.netty.channel.embedded.EmbeddedChannel;

/** One download against scripted (often hostile) servers, byte for byte, on EmbeddedChannels. */
class HttpFetchTest {

    private final ScriptedConnector server = new ScriptedConnector();
    private final RecordingSink sink = new RecordingSink();
    private final EmbeddedChannel boot = new EmbeddedChannel();

    {
        boot.freezeTime();
    }
    private HttpFetch fetch;

    private void start(String uri, HttpPolicy policy) throws JpxeException {
        fetch = new HttpFetch(URI.create(uri), sink, server, policy, boot.eventLoop()).start();
        boot.runPendingTasks();
    }

    private void start(String uri) throws JpxeException {
        start(uri, HttpPolicy.defaults());
    }

    @Test
    void streamsABodyWithContentLengthAndKeepsTheConnection() throws Exception {
        start("http://boot.test/images/vmlinuz?arch=x86");
        String request = server.request();
        assertTrue(request.startsWith("GET /images/vmlinuz?arch=x86 HTTP/1.1\r\n"), request);
        assertTrue(request.contains("host: boot.test\r\n"), request);
        assertTrue(request.contains("connection: keep-alive\r\n"), request);

        server.serve("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello ");
        server.serve("world");

        assertEquals(11L, result());
        assertEquals("hello world", sink.text());
        assertEquals(11, sink.expectedSize);
        assertEquals(1, server.released.size(), "kept alive for the next download");
    }

    @Test
    void assemblesAChunkedBody() throws Exception {
        start("http://boot.test/x");
        server.request();
        server.serve("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");

        assertEquals(11L, result());
        assertEquals("hello world", sink.text());
        assertEquals(-1, sink.expectedSize);
    }

    @Test
    void followsARelativeRedirect() throws Exception {
        start("http://boot.test/old/boot.ipxe");
        server.request();
        server.serve("HTTP/1.1 302 Found\r\nLocation: ../new/boot.ipxe\r\nContent-Length: 0\r\n\r\n");
        assertTrue(server.request().startsWith("GET /new/boot.ipxe HTTP/1.1"));
        server.serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        assertEquals(2L, result());
        assertEquals(2, server.opened.size());
    }

    @Test
    void namesARedirectLoop() throws Exception {
        start("http://boot.test/a");
        server.request();
        server.serve("HTTP/1.1 301 Moved\r\nLocation: /b\r\n\r\n");
        server.request();
        server.serve("HTTP/1.1 307 Temporary\r\nLocation: http://boot.test/a\r\n\r\n");

        JpxeException e = failure();
        assertEquals(Errno.EIO, e.errno());
        assertEquals("http://boot.test/a: redirect loop: http://boot.test/b sends back to http://boot.test/a",
                e.getMessage());
    }

    @Test
    void boundsRedirectsThatNeverRepeat() throws Exception {
        start("http://boot.test/0", new HttpPolicy(3, 5, 3, Duration.ofSeconds(60), 1 << 20, "t"));
        for (int i = 1; i <= 4; i++) {
            server.request();
            server.serve("HTTP/1.1 302 Found\r\nLocation: /" + i + "\r\n\r\n");
        }

        JpxeException e = failure();
        assertEquals("http://boot.test/0: more than 3 redirects", e.getMessage());
    }

    @Test
    void resumesWithRangeWhenTheServerLiesAboutContentLengthAndHangsUp() throws Exception {
        start("http://boot.test/big");
        server.request();
        server.serve("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nETag: \"v1\"\r\n\r\n01234");
        server.hangUp();

        String resume = server.request();
        assertTrue(resume.contains("range: bytes=5-\r\n"), resume);
        assertTrue(resume.contains("if-range: \"v1\"\r\n"), resume);
        server.serve("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 5-9/10\r\nContent-Length: 5\r\n\r\n56789");

        assertEquals(10L, result());
        assertEquals("0123456789", sink.text());
    }

    @Test
    void givesUpResumingALiarAfterTheBudgetWithByteCounts() throws Exception {
        start("http://boot.test/big", new HttpPolicy(3, 2, 3, Duration.ofSeconds(60), 1 << 20, "t"));
        server.request();
        server.serve("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
        server.hangUp();
        for (int i = 0; i < 2; i++) {
            server.request();
            server.hangUp();
        }

        JpxeException e = failure();
        assertEquals(Errno.ECONNRESET, e.errno());
        assertEquals("http://boot.test/big: the server closed the connection after 10 of 100 bytes, 2 resumes tried",
                e.getMessage());
    }

    @Test
    void refusesAResumeThatDoesNotContinueWhereItBroke() throws Exception {
        start("http://boot.test/big");
        server.request();
        server.serve("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234");
        server.hangUp();
        server.request();
        server.serve("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-9/10\r\nContent-Length: 10\r\n\r\n");

        JpxeException e = failure();
        assertEquals(Errno.EPROTO, e.errno());
        assertTrue(e.getMessage().contains("does not continue at byte 5"), e.getMessage());
    }

    @Test
    void stopsAnEndlessChunkedBodyAtTheLimit() throws Exception {
        start("http://boot.test/endless", new HttpPolicy(3, 0, 3, Duration.ofSeconds(60), 64, "t"));
        server.request();
        server.serve("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 10 && !fetch.completion().toCompletableFuture().isDone(); i++) {
            server.serve("10\r\n0123456789abcdef\r\n");
        }

        JpxeException e = failure();
        assertEquals(Errno.EFBIG, e.errno());
        assertEquals("http://boot.test/endless: body exceeds the limit of 64 bytes (endless response?)",
                e.getMessage());
        assertFalse(server.last().isOpen());
    }

    @Test
    void answersBasicAuthFromTheUriOnce() throws Exception {
        start("http://alice:s%3Acret@boot.test/private");
        assertFalse(server.request().contains("authorization"), "no credentials before the server asks");
        server.serve("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"boot\"\r\n\r\n");
        String retry = server.request();
        assertTrue(retry.contains("authorization: Basic YWxpY2U6czpjcmV0\r\n"), retry);
        server.serve("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"boot\"\r\n\r\n");

        JpxeException e = failure();
        assertEquals(Errno.EACCES, e.errno());
        assertEquals("http://boot.test/private: HTTP 401 Unauthorized: the server refused the credentials of"
                + " user alice", e.getMessage());
    }

    @Test
    void answersDigestAuth() throws Exception {
        start("http://alice:pw@boot.test/private");
        server.request();
        server.serve("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"n1\", qop=\"auth\"\r\n"
                + "WWW-Authenticate: Basic realm=\"r\"\r\n\r\n");
        String retry = server.request();
        assertTrue(retry.contains("authorization: Digest username=\"alice\", realm=\"r\", nonce=\"n1\","
                + " uri=\"/private\""), retry);
        server.serve("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
        assertEquals(1L, result());
    }

    @Test
    void a401WithoutCredentialsSaysSo() throws Exception {
        start("http://boot.test/private");
        server.request();
        server.serve("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"r\"\r\n\r\n");

        assertEquals("http://boot.test/private: HTTP 401 Unauthorized (the URI has no user:password@)",
                failure().getMessage());
    }

    @Test
    void waitsOutRetryAfterThenGetsTheFile() throws Exception {
        start("http://boot.test/busy");
        server.request();
        server.serve("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nContent-Length: 0\r\n\r\n");
        boot.advanceTimeBy(1999, TimeUnit.MILLISECONDS);
        boot.runScheduledPendingTasks();
        assertEquals(1, server.opened.size(), "not before two seconds");
        boot.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        boot.runScheduledPendingTasks();
        assertEquals(2, server.opened.size());
        server.request();
        server.serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        assertEquals(2L, result());
    }

    @Test
    void refusesARetryAfterBeyondTheLimit() throws Exception {
        start("http://boot.test/busy");
        server.request();
        server.serve("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 3600\r\n\r\n");

        JpxeException e = failure();
        assertEquals("http://boot.test/busy: HTTP 503 Service Unavailable (asks to retry after 3600 s, more than"
                + " the 60 s jPXE waits)", e.getMessage());
    }

    @Test
    void mapsStatusCodesLikeIpxe() throws Exception {
        start("http://boot.test/missing");
        server.request();
        server.serve("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");

        JpxeException e = failure();
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("http://boot.test/missing: HTTP 404 Not Found", e.getMessage());
    }

    @Test
    void reportsAMalformedStatusLine() throws Exception {
        start("http://boot.test/x");
        server.request();
        server.serve("HTTP/1.1 2OO OK\r\n\r\n");

        JpxeException e = failure();
        assertEquals(Errno.EPROTO, e.errno());
        assertTrue(e.getMessage().startsWith("http://boot.test/x: malformed HTTP response"), e.getMessage());
    }

    @Test
    void reportsHeadersThatNeverEnd() throws Exception {
        start("http://boot.test/x");
        server.request();
        server.serve("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 200 && !fetch.completion().toCompletableFuture().isDone(); i++) {
            server.serve("X-Junk-" + i + ": " + "j".repeat(100) + "\r\n");
        }

        JpxeException e = failure();
        assertEquals(Errno.EPROTO, e.errno());
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void cancelClosesTheConnection() throws Exception {
        start("http://boot.test/x");
        server.request();
        server.serve("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123");
        fetch.cancel(new JpxeException(Errno.ECANCELED, "Ctrl-C"));
        server.last().runPendingTasks();

        assertEquals("Ctrl-C", failure().getMessage());
        assertFalse(server.last().isOpen());
    }

    private long result() throws Exception {
        return fetch.completion().toCompletableFuture().get(1, TimeUnit.SECONDS);
    }

    private JpxeException failure() {
        CompletableFuture<Long> completion = fetch.completion().toCompletableFuture();
        assertTrue(completion.isDone(), "the fetch has ended");
        try {
            completion.get();
            throw new AssertionError("succeeded");
        } catch (ExecutionException e) {
            return assertInstanceOf(JpxeException.class, e.getCause());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
