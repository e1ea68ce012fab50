package io.jpxe.proto.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.netty.channel.embedded.EmbeddedChannel;

/** iPXE's params/param: form bodies, header parameters, and a fetch that becomes a POST. */
class HttpParamsTest {

    @Test
    void encodesFieldsAsIpxeDoes() {
        HttpParams params = new HttpParams(List.of(
                new HttpParams.Param("mac", "52:54:00:12:34:56", false),
                new HttpParams.Param("X-Token", "abc", true),
                new HttpParams.Param("name", "a b&c=d+e/f?é%~!*", false)));

        assertTrue(params.hasForm());
        assertEquals("mac=52%3A54%3A00%3A12%3A34%3A56&name=a%20b%26c%3Dd%2Be%2Ff%3F%C3%A9%25~!*", params.formBody());
        assertEquals(List.of(new HttpParams.Param("X-Token", "abc", true)), params.headers());
    }

    @Test
    void findsTheListAUriNames() {
        assertEquals(new HttpParams.Reference("form"),
                HttpParams.referencedBy(URI.create("http://srv/boot.php#%23params=form")));
        assertEquals(new HttpParams.Reference(""), HttpParams.referencedBy(URI.create("http://srv/boot.php#%23params")));
        assertNull(HttpParams.referencedBy(URI.create("http://srv/boot.php#section")));
        assertNull(HttpParams.referencedBy(URI.create("http://srv/boot.php")));
    }

    @Test
    void listsMustBeCreatedBeforeParamsAreAdded() throws JpxeException {
        ParamLists lists = new ParamLists();
        JpxeException e = assertThrows(JpxeException.class, () -> lists.add("form", "k", "v", false));
        assertEquals(Errno.ENOENT, e.errno());
        lists.create("form");
        lists.add("form", "k", "v", false);
        assertEquals("k=v", lists.find("form").orElseThrow().formBody());
        lists.create("form");
        assertFalse(lists.find("form").orElseThrow().hasForm(), "params replaces a list of the same name");
        assertThrows(JpxeException.class, () -> lists.add("form", "Bad Name", "v", true));
        assertThrows(JpxeException.class, () -> lists.add("form", "X-Ok", "a\r\nInjected: 1", true));
        lists.delete("form");
        assertTrue(lists.find("form").isEmpty());
    }

    @Test
    void aFetchWithFormFieldsIsAPost() throws Exception {
        ScriptedConnector server = new ScriptedConnector();
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel boot = new EmbeddedChannel();
        HttpParams params = new HttpParams(List.of(new HttpParams.Param("uuid", "1-2", false),
                new HttpParams.Param("X-Boot", "yes", true)));
        HttpFetch fetch = new HttpFetch(URI.create("http://boot.test/boot.php#%23params"), sink, server,
                HttpPolicy.defaults(), boot.eventLoop(), params).start();
        boot.runPendingTasks();

        String request = server.request();
        assertTrue(request.startsWith("POST /boot.php HTTP/1.1\r\n"), request);
        assertTrue(request.contains("content-type: application/x-www-form-urlencoded\r\n"), request);
        assertTrue(request.contains("content-length: 8\r\n"), request);
        assertTrue(request.contains("X-Boot: yes\r\n"), request);
        assertTrue(request.endsWith("\r\n\r\nuuid=1-2"), request);
        server.serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertEquals(2L, fetch.completion().toCompletableFuture().get());
    }
}
