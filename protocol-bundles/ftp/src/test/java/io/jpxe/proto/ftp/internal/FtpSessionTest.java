package io.jpxe.proto.ftp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;

/** The FTP dialogue against scripted servers on EmbeddedChannels (control and data). */
class FtpSessionTest {

    private final StringBuilder file = new StringBuilder();
    private long announced = -1;
    private final DataSink sink = new DataSink() {
        @Override
        public void expectedSize(long bytes) {
            announced = bytes;
        }

        @Override
        public void write(long position, ByteBuffer data) throws IOException {
            assertEquals(file.length(), position);
            file.append(StandardCharsets.ISO_8859_1.decode(data));
        }
    };
    private final List<Integer> dataPorts = new ArrayList<>();
    private EmbeddedChannel control;
    private EmbeddedChannel data;
    private FtpSession session;

    private void start(String uri) throws JpxeException {
        session = new FtpSession(FtpTarget.parse(URI.create(uri)), sink, (ctl, port, handler) -> {
            dataPorts.add(port);
            data = new EmbeddedChannel(handler);
            return data.eventLoop().newSucceededFuture(data);
        });
        control = new EmbeddedChannel(new LineBasedFrameDecoder(FtpUriOpener.MAX_LINE),
                new FtpReplyDecoder(), session);
    }

    private void server(String lines) {
        control.writeInbound(Unpooled.copiedBuffer(lines, StandardCharsets.UTF_8));
    }

    private String client() {
        StringBuilder sent = new StringBuilder();
        ByteBuf out;
        while ((out = control.readOutbound()) != null) {
            sent.append(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        return sent.toString();
    }

    @Test
    void anonymousEpsvDownload() throws Exception {
        start("ftp://ftp.test/pub/vmlinuz");
        server("220-Welcome\r\n220 ready\r\n");
        assertEquals("USER anonymous\r\n", client());
        server("331 password please\r\n");
        assertEquals("PASS jpxe@\r\n", client());
        server("230 ok\r\n");
        assertEquals("TYPE I\r\n", client());
        server("200 binary\r\n");
        assertEquals("SIZE pub/vmlinuz\r\n", client());
        server("213 10\r\n");
        assertEquals("EPSV\r\n", client());
        server("229 Entering Extended Passive Mode (|||30001|)\r\n");
        assertEquals(List.of(30001), dataPorts);
        assertEquals("RETR pub/vmlinuz\r\n", client());
        server("150 sending\r\n");
        data.writeInbound(Unpooled.copiedBuffer("01234", StandardCharsets.ISO_8859_1));
        data.writeInbound(Unpooled.copiedBuffer("56789", StandardCharsets.ISO_8859_1));
        data.close();
        server("226 done\r\n");

        assertEquals(10L, session.completion().toCompletableFuture().get(1, TimeUnit.SECONDS));
        assertEquals("0123456789", file.toString());
        assertEquals(10, announced);
        assertEquals("QUIT\r\n", client());
    }

    @Test
    void userLoginAndPasvFallbackUseOnlyThePortTheServerNames() throws Exception {
        start("ftp://bob:s%40cret@ftp.test/f");
        server("220 ready\r\n");
        client();
        server("331 pw\r\n");
        assertEquals("PASS s@cret\r\n", client());
        server("230 ok\r\n200 binary\r\n502 no SIZE\r\n500 no EPSV\r\n");
        assertEquals("TYPE I\r\nSIZE f\r\nEPSV\r\nPASV\r\n", client());
        server("227 Entering Passive Mode (10,6,6,6,117,49)\r\n");

        assertEquals(List.of(117 * 256 + 49), dataPorts, "the address 10.6.6.6 is ignored (no FTP bounce)");
        assertEquals("RETR f\r\n", client());
        server("150 go\r\n226 done\r\n");
        data.writeInbound(Unpooled.copiedBuffer("x", StandardCharsets.ISO_8859_1));
        data.close();
        assertEquals(1L, session.completion().toCompletableFuture().get(1, TimeUnit.SECONDS));
    }

    @Test
    void aRefusedLoginSaysWho() throws Exception {
        start("ftp://bob:wrong@ftp.test/f");
        server("220 ready\r\n331 pw\r\n530 Login incorrect.\r\n");

        JpxeException e = failure();
        assertEquals(Errno.EACCES, e.errno());
        assertEquals("ftp://ftp.test/f: login as bob refused: 530 Login incorrect.", e.getMessage());
    }

    @Test
    void aMissingFileIsEnoent() throws Exception {
        start("ftp://ftp.test/missing");
        server("220 ready\r\n230 ok\r\n200 binary\r\n550 No such file\r\n");

        JpxeException e = failure();
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("ftp://ftp.test/missing: FTP 550: No such file", e.getMessage());
    }

    @Test
    void anEndlessReplyLineIsRefused() throws Exception {
        start("ftp://ftp.test/f");
        server("220 " + "x".repeat(9000) + "\r\n");

        JpxeException e = failure();
        assertEquals(Errno.EPROTO, e.errno());
        assertTrue(e.getMessage().contains("reply line longer than the limit"), e.getMessage());
    }

    @Test
    void garbageInsteadOfARepliesIsNamed() throws Exception {
        start("ftp://ftp.test/f");
        server("SSH-2.0-OpenSSH_9.2\r\n");

        assertEquals("ftp://ftp.test/f: the server sent no FTP reply: \"SSH-2.0-OpenSSH_9.2\"", failure().getMessage());
    }

    @Test
    void aShortDataConnectionIsCaughtBySize() throws Exception {
        start("ftp://ftp.test/f");
        server("220 ready\r\n230 ok\r\n200 binary\r\n213 100\r\n229 (|||4000|)\r\n150 go\r\n");
        data.writeInbound(Unpooled.copiedBuffer("0123", StandardCharsets.ISO_8859_1));
        data.close();
        server("226 done\r\n");

        JpxeException e = failure();
        assertEquals(Errno.EPROTO, e.errno());
        assertEquals("ftp://ftp.test/f: received 4 of the 100 bytes SIZE announced", e.getMessage());
    }

    @Test
    void aServerHangingUpMidTransferIsEconnreset() throws Exception {
        start("ftp://ftp.test/f");
        server("220 ready\r\n230 ok\r\n200 binary\r\n213 100\r\n229 (|||4000|)\r\n150 go\r\n");
        data.writeInbound(Unpooled.copiedBuffer("0123", StandardCharsets.ISO_8859_1));
        control.close();

        JpxeException e = failure();
        assertEquals(Errno.ECONNRESET, e.errno());
        assertEquals("ftp://ftp.test/f: the server closed the control connection after 4 bytes", e.getMessage());
        assertTrue(!data.isOpen(), "the data connection is closed too");
    }

    private JpxeException failure() {
        var completion = session.completion().toCompletableFuture();
        assertTrue(completion.isDone(), "the session ended");
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
