package io.jpxe.proto.tftp.internal;

import io.jpxe.netty.testing.LoopbackRuntime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.DatagramSocket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.Transfer;
import io.netty.buffer.Unpooled;

/** Real transfers over 127.0.0.1 against a {@link ScriptedTftpServer}, with short retry timers. */
class TftpUriOpenerTest {

    private final LoopbackRuntime runtime = new LoopbackRuntime();
    private final TftpUriOpener opener = new TftpUriOpener(runtime, config(1432, 1, 50, 750));
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void stopRuntime() {
        runtime.close();
    }

    @Test
    void fetchesAFileDespiteALostRequestAndALostAck() throws Exception {
        byte[] file = new byte[10_000];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) (i % 251);
        }
        try (var server = new ScriptedTftpServer(s -> {
            s.receive(s.listen); // lost: the client must send its RRQ again
            var rrq = s.receive(s.listen);
            var request = assertInstanceOf(TftpPacket.Request.class, rrq.packet());
            assertEquals("dir/file.bin", request.filename());
            assertEquals(Map.of("blksize", "1432", "tsize", "0", "utimeout", "100000"), request.options());
            try (DatagramSocket tid = s.open()) {
                s.send(tid, rrq.from(), new TftpPacket.OptionAck(Map.of("blksize", "1432", "tsize", "10000")));
                assertEquals(new TftpPacket.Ack(0), s.receive(tid).packet());
                for (int block = 1, offset = 0; offset <= file.length; block++, offset += 1432) {
                    int length = Math.min(1432, file.length - offset);
                    s.send(tid, rrq.from(), new TftpPacket.Data(block, Unpooled.wrappedBuffer(file, offset, length)));
                    if (block == 3) {
                        s.receive(tid); // lost: the client must send ACK 3 again
                    }
                    assertEquals(new TftpPacket.Ack(block), s.receive(tid).packet());
                    if (length < 1432) {
                        break;
                    }
                }
            }
        })) {
            Transfer transfer = opener.open(URI.create("tftp://127.0.0.1:" + server.port() + "/dir/file%2Ebin"), sink);

            assertEquals(10_000L, transfer.completion().toCompletableFuture().get(5, TimeUnit.SECONDS));
            server.awaitScript();
            assertArrayEquals(file, sink.bytes());
            assertEquals(10_000L, sink.expectedSize);
        }
    }

    @Test
    void reportsTheServersFileNotFound() throws Exception {
        try (var server = new ScriptedTftpServer(s -> {
            var rrq = s.receive(s.listen);
            try (DatagramSocket tid = s.open()) {
                s.send(tid, rrq.from(), new TftpPacket.Error(1, "File not found"));
            }
        })) {
            String uri = "tftp://127.0.0.1:" + server.port() + "/missing";
            JpxeException e = failure(opener.open(URI.create(uri), sink));

            assertEquals(Errno.ENOENT, e.errno());
            assertEquals(uri + ": TFTP error 1 (File not found)", e.getMessage());
            server.awaitScript();
        }
    }

    @Test
    void timesOutOnASilentServerAfterRetransmitting() throws Exception {
        CountDownLatch requests = new CountDownLatch(4);
        try (var server = new ScriptedTftpServer(s -> {
            while (true) {
                s.receive(s.listen);
                requests.countDown();
            }
        })) {
            JpxeException e = failure(opener.open(URI.create("tftp://127.0.0.1:" + server.port() + "/x"), sink));

            assertEquals(Errno.ETIMEDOUT, e.errno());
            // 50, 100 and 200 ms waits end in retransmissions; after the 400 ms one, 750 ms of silence end it.
            assertTrue(requests.await(1, TimeUnit.SECONDS));
            assertEquals(4, server.received.size());
        }
    }

    @Test
    void cancelTellsTheServer() throws Exception {
        CompletableFuture<Transfer> running = new CompletableFuture<>();
        try (var server = new ScriptedTftpServer(s -> {
            var rrq = s.receive(s.listen);
            try (DatagramSocket tid = s.open()) {
                s.send(tid, rrq.from(), new TftpPacket.Data(1, Unpooled.wrappedBuffer(new byte[512])));
                assertEquals(new TftpPacket.Ack(1), s.receive(tid).packet());
                running.get(5, TimeUnit.SECONDS).cancel(new JpxeException(Errno.ECANCELED, "Ctrl-C"));
                assertEquals(new TftpPacket.Error(0, "Transfer cancelled"), s.receive(tid).packet());
            }
        })) {
            Transfer transfer = opener.open(URI.create("tftp://127.0.0.1:" + server.port() + "/big"), sink);
            running.complete(transfer);

            JpxeException e = failure(transfer);
            assertEquals(Errno.ECANCELED, e.errno());
            assertEquals("Ctrl-C", e.getMessage());
            server.awaitScript();
            transfer.cancel(e); // idempotent
            assertSame(e, failure(transfer));
        }
    }

    @Test
    void fetchesInWindowsAndResendsFromTheLastBlockInOrderAfterALoss() throws Exception {
        byte[] file = new byte[20 * 512 + 100];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) (i % 253);
        }
        TftpUriOpener windowed = new TftpUriOpener(runtime, config(512, 4, 50, 750));
        try (var server = new ScriptedTftpServer(s -> {
            var rrq = s.receive(s.listen);
            var request = assertInstanceOf(TftpPacket.Request.class, rrq.packet());
            assertEquals(Map.of("blksize", "512", "tsize", "0", "windowsize", "4", "utimeout", "100000"),
                    request.options());
            try (DatagramSocket tid = s.open()) {
                s.send(tid, rrq.from(), new TftpPacket.OptionAck(Map.of("blksize", "512", "windowsize", "4")));
                assertEquals(new TftpPacket.Ack(0), s.receive(tid).packet());
                // Window 1..4 whole; window 5..8 loses block 6: the client acknowledges 5 once.
                sendBlocks(s, tid, rrq.from(), file, 1, 4);
                assertEquals(new TftpPacket.Ack(4), s.receive(tid).packet());
                sendBlocks(s, tid, rrq.from(), file, 5, 5);
                sendBlocks(s, tid, rrq.from(), file, 7, 8);
                assertEquals(new TftpPacket.Ack(5), s.receive(tid).packet());
                int last = file.length / 512 + 1;
                for (int first = 6; first <= last; first += 4) {
                    sendBlocks(s, tid, rrq.from(), file, first, Math.min(first + 3, last));
                    assertEquals(new TftpPacket.Ack(Math.min(first + 3, last)), s.receive(tid).packet());
                }
            }
        })) {
            Transfer transfer = windowed.open(URI.create("tftp://127.0.0.1:" + server.port() + "/w"), sink);

            assertEquals((long) file.length, transfer.completion().toCompletableFuture().get(5, TimeUnit.SECONDS));
            server.awaitScript();
            assertArrayEquals(file, sink.bytes());
        }
    }

    @Test
    void sizesTheReceiveBufferForTwoWindows() {
        assertEquals(256 << 10, TftpUriOpener.receiveBuffer(config(1432, 1, 50, 750)));
        assertEquals(2 * 64 * (8192 + 1024), TftpUriOpener.receiveBuffer(config(8192, 64, 50, 750)));
        assertEquals(16 << 20, TftpUriOpener.receiveBuffer(config(65464, 1000, 50, 750)));
    }

    private static void sendBlocks(ScriptedTftpServer s, DatagramSocket tid, java.net.SocketAddress to, byte[] file,
            int first, int last) throws java.io.IOException {
        for (int block = first; block <= last; block++) {
            int offset = (block - 1) * 512;
            s.send(tid, to, new TftpPacket.Data(block,
                    Unpooled.wrappedBuffer(file, offset, Math.min(512, file.length - offset))));
        }
    }

    @Test
    void rejectsAnUnusableUriAtOnce() {
        JpxeException e = assertThrows(JpxeException.class, () -> opener.open(URI.create("tftp://127.0.0.1/"), sink));

        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void failsInsteadOfHangingOnceTheRuntimeStops() throws Exception {
        runtime.close();

        JpxeException e = failure(opener.open(URI.create("tftp://127.0.0.1/x"), sink));

        assertEquals(Errno.EIO, e.errno());
        assertTrue(e.getMessage().contains("shutting down"), e.getMessage());
    }

    @Test
    void refusesAConfiguredBlockSizeOutsideTheRfc() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TftpUriOpener(runtime, config(65465, 1, 50, 750)));

        assertTrue(e.getMessage().contains("65465"), e.getMessage());
    }

    private static JpxeException failure(Transfer transfer) throws Exception {
        try {
            transfer.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
            throw new AssertionError("transfer succeeded");
        } catch (ExecutionException e) {
            return assertInstanceOf(JpxeException.class, e.getCause());
        }
    }

    private static TftpUriOpener.Config config(int blksize, int windowsize, int initialTimeoutMillis,
            int idleTimeoutMillis) {
        return new TftpUriOpener.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return TftpUriOpener.Config.class;
            }

            @Override
            public int blksize() {
                return blksize;
            }

            @Override
            public int windowsize() {
                return windowsize;
            }

            @Override
            public int serverTimeoutMillis() {
                return TftpUriOpener.DEFAULT_SERVER_TIMEOUT_MILLIS;
            }

            @Override
            public int initialTimeoutMillis() {
                return initialTimeoutMillis;
            }

            @Override
            public int minTimeoutMillis() {
                return 10;
            }

            @Override
            public int maxTimeoutMillis() {
                return 400;
            }

            @Override
            public int idleTimeoutMillis() {
                return idleTimeoutMillis;
            }

            @Override
            public int receiveBufferBytes() {
                return 256 << 10;
            }

            @Override
            public String mtftpAddress() {
                return "239.255.1.1";
            }

            @Override
            public int mtftpClientPort() {
                return 3001;
            }

            @Override
            public int mtftpServerPort() {
                return 1759;
            }

            @Override
            public int mtftpListenMillis() {
                return 50;
            }

            @Override
            public int mtftpOpens() {
                return 3;
            }
        };
    }
}
