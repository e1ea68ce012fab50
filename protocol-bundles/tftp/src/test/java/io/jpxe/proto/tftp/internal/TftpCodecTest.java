package io.jpxe.proto.tftp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;

class TftpCodecTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 69);

    private final EmbeddedChannel channel = new EmbeddedChannel(new TftpDecoder(), new TftpEncoder());

    @AfterEach
    void nothingLeftOver() {
        assertFalse(channel.finish());
    }

    @Test
    void encodesReadRequestWithOptionsExactlyAsIpxe() throws IOException {
        var rrq = TftpPacket.Request.read("boot/pxelinux.0", new TftpOptions(1432).request());

        assertArrayEquals(golden("rrq-options.bin"), sent(rrq));
    }

    @Test
    void encodesAckAndErrorAsTheRfcSays() throws IOException {
        assertArrayEquals(golden("ack-65535.bin"), sent(new TftpPacket.Ack(65535)));
        assertArrayEquals(golden("error-file-not-found.bin"),
                sent(new TftpPacket.Error(TftpPacket.ERROR_FILE_NOT_FOUND, "File not found")));
    }

    @Test
    void decodesOptionAck() throws IOException {
        var oack = assertInstanceOf(TftpPacket.OptionAck.class, received(golden("oack-blksize-tsize.bin")));

        assertEquals(List.of("blksize", "tsize"), List.copyOf(oack.options().keySet()));
        assertEquals("1024", oack.options().get("blksize"));
        assertEquals("123456", oack.options().get("tsize"));
    }

    @Test
    void decodesOptionNamesCaseInsensitively() {
        var oack = assertInstanceOf(TftpPacket.OptionAck.class, received(bytes(6, "BlkSize\0" + "512\0")));

        assertEquals(Map.of("blksize", "512"), oack.options());
    }

    @Test
    void decodesDataWithPayloadAndSender() throws IOException {
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(golden("data-block-7.bin")), CLIENT, SERVER));
        AddressedEnvelope<?, ?> envelope = channel.readInbound();
        try {
            assertEquals(SERVER, envelope.sender());
            var data = assertInstanceOf(TftpPacket.Data.class, envelope.content());
            assertEquals(7, data.block());
            assertEquals("hello tftp", data.content().toString(StandardCharsets.US_ASCII));
        } finally {
            envelope.release();
        }
    }

    @Test
    void decodesAckAndError() throws IOException {
        assertEquals(new TftpPacket.Ack(65535), received(golden("ack-65535.bin")));
        assertEquals(new TftpPacket.Error(1, "File not found"), received(golden("error-file-not-found.bin")));
    }

    @Test
    void keepsTheTextOfAnErrorWithoutTerminator() {
        assertEquals(new TftpPacket.Error(2, "Access violation"), received(bytes(5, "\0\2Access violation")));
    }

    @Test
    void decodesReadRequestWithOptions() throws IOException {
        var rrq = assertInstanceOf(TftpPacket.Request.class, received(golden("rrq-options.bin")));

        assertFalse(rrq.write());
        assertEquals("boot/pxelinux.0", rrq.filename());
        assertEquals("octet", rrq.mode());
        assertEquals(Map.of("blksize", "1432", "tsize", "0"), rrq.options());
    }

    @Test
    void roundTripsOptionAckAndData() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("tsize", "42");
        options.put("blksize", "8");
        assertEquals(new TftpPacket.OptionAck(options), received(sent(new TftpPacket.OptionAck(options))));

        byte[] data = sent(new TftpPacket.Data(65535, Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII)));
        assertArrayEquals(new byte[] {0, 3, (byte) 0xFF, (byte) 0xFF, 'a', 'b', 'c'}, data);
    }

    static List<Object[]> malformed() {
        return List.of(
                new Object[] {new byte[0], "too short"},
                new Object[] {new byte[] {0}, "too short"},
                new Object[] {new byte[] {0, 9, 1, 2}, "unknown opcode 9"},
                new Object[] {new byte[] {0, 3, 0}, "DATA packet without a block number"},
                new Object[] {new byte[] {0, 4, 0, 1, 0}, "ACK packet of 5 bytes"},
                new Object[] {new byte[] {0, 5, 0}, "ERROR packet without an error code"},
                new Object[] {bytes(6, "blksize\0" + "1024"), "not NUL-terminated"},
                new Object[] {bytes(6, "blksize"), "not NUL-terminated"},
                new Object[] {bytes(6, "tsize\0" + "1\0" + "TSIZE\0" + "2\0"), "appears twice"},
                new Object[] {bytes(6, "\0" + "1\0"), "empty name"},
                new Object[] {bytes(1, "file\0octet"), "not NUL-terminated"});
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void turnsBadDatagramsIntoMalformedPackets(byte[] datagram, String reason) {
        var malformed = assertInstanceOf(TftpPacket.Malformed.class, received(datagram));

        assertTrue(malformed.reason().contains(reason), malformed.reason());
    }

    private byte[] sent(TftpPacket packet) {
        assertTrue(channel.writeOutbound(new DefaultAddressedEnvelope<TftpPacket, InetSocketAddress>(packet, SERVER)));
        DatagramPacket datagram = channel.readOutbound();
        try {
            assertEquals(SERVER, datagram.recipient());
            return ByteBufUtil.getBytes(datagram.content());
        } finally {
            datagram.release();
        }
    }

    /** Decodes a packet without payload (the envelope is released at once). */
    private TftpPacket received(byte[] datagram) {
        // Not Unpooled.wrappedBuffer: an empty array would give the unreleasable EMPTY_BUFFER.
        ByteBuf buf = Unpooled.buffer(datagram.length).writeBytes(datagram);
        channel.writeInbound(new DatagramPacket(buf, CLIENT, SERVER));
        AddressedEnvelope<?, ?> envelope = channel.readInbound();
        envelope.release();
        assertEquals(0, buf.refCnt());
        return (TftpPacket) envelope.content();
    }

    private static byte[] bytes(int opcode, String body) {
        byte[] text = body.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[text.length + 2];
        out[1] = (byte) opcode;
        System.arraycopy(text, 0, out, 2, text.length);
        return out;
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = TftpCodecTest.class.getResourceAsStream("/golden/" + name)) {
            return in.readAllBytes();
        }
    }
}
