package io.jpxe.proto.http.internal;

import io.jpxe.netty.testing.LoopbackRuntime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.Transfer;

/** Real connections over 127.0.0.1: keep-alive, the proxy, refused connections, https without TLS. */
class HttpConnectionsTest {

    private final LoopbackRuntime runtime = new LoopbackRuntime();
    private volatile String proxy;
    private final HttpConnections connections = new HttpConnections(runtime, () -> null, () -> proxy, 2000);
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<String> proxyAuthorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        connections.closeAll();
        if (server != null) {
            server.close();
        }
        runtime.close();
    }

    /** Answers every request on every connection with "ok", keeping connections open. */
    private int serve() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    Thread.ofPlatform().daemon().start(() -> answer(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return server.getLocalPort();
    }

    private void answer(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                requestLines.add(line);
                String header;
                while ((header = in.readLine()) != null && !header.isEmpty()) {
                    if (header.toLowerCase().startsWith("proxy-authorization:")) {
                        proxyAuthorizations.add(header.substring(20).strip());
                    }
                }
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private Transfer fetch(String uri, RecordingSink sink) throws JpxeException {
        return new HttpFetch(URI.create(uri), sink, connections, HttpPolicy.defaults(),
                runtime.eventLoopGroup().next()).start();
    }

    @Test
    void keepsTheConnectionAliveBetweenDownloads() throws Exception {
        int port = serve();
        for (int i = 0; i < 3; i++) {
            RecordingSink sink = new RecordingSink();
            assertEquals(2L, fetch("http://127.0.0.1:" + port + "/f" + i, sink).completion().toCompletableFuture()
                    .get(5, TimeUnit.SECONDS));
            assertEquals("ok", sink.text());
        }

        assertEquals(List.of("GET /f0 HTTP/1.1", "GET /f1 HTTP/1.1", "GET /f2 HTTP/1.1"), requestLines);
        assertEquals(1, accepted.get(), "one connection for three downloads");
    }

    @Test
    void sendsAbsoluteFormRequestsWithCredentialsToTheProxy() throws Exception {
        int port = serve();
        proxy = "http://squid:pw@127.0.0.1:" + port + "/";

        RecordingSink sink = new RecordingSink();
        fetch("http://boot.test/images/vmlinuz", sink).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertEquals(List.of("GET http://boot.test/images/vmlinuz HTTP/1.1"), requestLines);
        assertEquals(List.of(HttpAuth.basic("squid", "pw")), proxyAuthorizations);
    }

    @Test
    void aRefusedConnectionNamesTheServer() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        JpxeException e = failure(fetch("http://127.0.0.1:" + port + "/x", new RecordingSink()));

        assertEquals(Errno.ECONNREFUSED, e.errno());
        assertEquals("http://127.0.0.1:" + port + "/x: 127.0.0.1:" + port + " refused the connection", e.getMessage());
    }

    @Test
    void httpsWithoutATlsBundleSaysSo() throws Exception {
        JpxeException e = failure(fetch("https://127.0.0.1:1/x", new RecordingSink()));

        assertEquals(Errno.ENOTSUP, e.errno());
        assertTrue(e.getMessage().endsWith("https is not in this image (no TLS bundle)"), e.getMessage());
    }

    private static JpxeException failure(Transfer transfer) throws Exception {
        try {
            transfer.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
            throw new AssertionError("succeeded");
        } catch (ExecutionException e) {
            return assertInstanceOf(JpxeException.class, e.getCause());
        }
    }
}
