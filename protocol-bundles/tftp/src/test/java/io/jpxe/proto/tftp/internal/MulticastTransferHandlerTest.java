package io.jpxe.proto.tftp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jpxe.api.JpxeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.Channel;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;

/** RFC 2090 and PXE MTFTP, fed packet by packet on an {@link EmbeddedChannel} with a frozen clock. */
class MulticastTransferHandlerTest {

    private static final URI URI_X = URI.create("tftm://198.18.0.1/x");
    private static final InetSocketAddress SERVER = new InetSocketAddress("198.18.0.1", 69);
    private static final InetSocketAddress TID = new InetSocketAddress("198.18.0.1", 50123);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("198.18.0.100", 40000);
    private static final InetSocketAddress GROUP = new InetSocketAddress("239.255.42.1", 1758);
    private static final InetSocketAddress PXE_GROUP = new InetSocketAddress("239.255.1.1", 3001);

    private final RecordingSink sink = new RecordingSink();
    private final List<InetSocketAddress> joined = new ArrayList<>();
    private final List<EmbeddedChannel> groupChannels = new ArrayList<>();
    private MulticastTransferHandler handler;
    private EmbeddedChannel channel;

    private void start(MulticastTransferHandler.Mode mode) {
        MulticastTransferHandler.GroupJoiner joiner = (group, h) -> {
            joined.add(group);
            EmbeddedChannel groupChannel = new EmbeddedChannel();
            groupChannels.add(groupChannel);
            Future<Channel> done = channel.eventLoop().<Channel>newPromise().setSuccess(groupChannel);
            return done;
        };
        RetransmissionTimer timer = new RetransmissionTimer(Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofMillis(80), Duration.ofMillis(150));
        handler = new MulticastTransferHandler(URI_X, "x", mode, new TftpOptions(512), timer, sink, joiner,
                PXE_GROUP, Duration.ofMillis(100), 3);
        channel = new EmbeddedChannel(handler);
        channel.freezeTime();
        handler.start(SERVER);
    }

    @Test
    void theMasterClientJoinsTheGroupAndAcknowledgesUpToTheFirstGap() throws Exception {
        start(MulticastTransferHandler.Mode.TFTM);
        var rrq = assertInstanceOf(TftpPacket.Request.class, sentTo(SERVER));
        assertEquals(Map.of("blksize", "512", "tsize", "0", "multicast", ""), rrq.options());

        receiveUnicast(new TftpPacket.OptionAck(Map.of("multicast", "239.255.42.1,1758,1", "blksize", "512",
                "tsize", "1300")));
        assertEquals(List.of(GROUP), joined);
        assertEquals(new TftpPacket.Ack(0), sentTo(TID));
        assertEquals(1300, sink.expectedSize);

        byte[] file = pattern(1300);
        receiveMulticast(1, file);
        assertEquals(new TftpPacket.Ack(1), sentTo(TID));
        receiveMulticast(3, file); // out of order: still missing block 2
        assertEquals(new TftpPacket.Ack(1), sentTo(TID));
        receiveMulticast(2, file);
        assertEquals(new TftpPacket.Ack(3), sentTo(TID));

        assertEquals(1300L, handler.completion().get(1, TimeUnit.SECONDS));
        assertArrayEquals(file, sink.bytes());
        assertFalse(groupChannels.getFirst().isOpen(), "leaves the group when done");
        assertEnded();
    }

    @Test
    void aClientThatIsNotMasterStaysQuietUntilPromoted() throws Exception {
        start(MulticastTransferHandler.Mode.TFTM);
        sentTo(SERVER);
        receiveUnicast(new TftpPacket.OptionAck(Map.of("multicast", "239.255.42.1,1758,0", "blksize", "512",
                "tsize", "1300")));
        assertNull(channel.readOutbound(), "only the master acknowledges");

        byte[] file = pattern(1300);
        receiveMulticast(2, file);
        receiveMulticast(3, file);
        assertNull(channel.readOutbound());

        // The master is done: the server makes us master; we ask from the first gap.
        receiveUnicast(new TftpPacket.OptionAck(Map.of("multicast", ",,1")));
        assertEquals(new TftpPacket.Ack(0), sentTo(TID));
        receiveMulticast(1, file);
        assertEquals(new TftpPacket.Ack(3), sentTo(TID));

        assertEquals(1300L, handler.completion().get(1, TimeUnit.SECONDS));
        assertArrayEquals(file, sink.bytes());
        assertEnded();
    }

    @Test
    void aServerWithoutMulticastStillDeliversByUnicast() throws Exception {
        start(MulticastTransferHandler.Mode.TFTM);
        sentTo(SERVER);
        receiveUnicast(new TftpPacket.OptionAck(Map.of("blksize", "512", "tsize", "600")));
        assertEquals(new TftpPacket.Ack(0), sentTo(TID));
        assertTrue(joined.isEmpty());

        byte[] file = pattern(600);
        receiveUnicastData(1, file);
        assertEquals(new TftpPacket.Ack(1), sentTo(TID));
        receiveUnicastData(2, file);
        assertEquals(new TftpPacket.Ack(2), sentTo(TID));

        assertEquals(600L, handler.completion().get(1, TimeUnit.SECONDS));
        assertArrayEquals(file, sink.bytes());
    }

    @Test
    void anOackWithABadMulticastValueIsRefused() {
        start(MulticastTransferHandler.Mode.TFTM);
        sentTo(SERVER);
        receiveUnicast(new TftpPacket.OptionAck(Map.of("multicast", "10.0.0.1,1758,1")));

        var error = assertInstanceOf(TftpPacket.Error.class, sentTo(TID));
        assertEquals(TftpPacket.ERROR_OPTION_NEGOTIATION, error.code());
        assertTrue(failure().getMessage().contains("not in 224.0.0.0/4"), failure().getMessage());
    }

    @Test
    void mtftpListensFirstThenAsksForWhatIsMissing() throws Exception {
        start(MulticastTransferHandler.Mode.MTFTP);
        assertEquals(List.of(PXE_GROUP), joined);
        assertNull(channel.readOutbound(), "listens before asking");

        byte[] file = pattern(1100);
        receiveMulticast(2, file); // another client's transfer, already running
        channel.advanceTimeBy(99, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertNull(channel.readOutbound());
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        var rrq = assertInstanceOf(TftpPacket.Request.class, sentTo(SERVER));
        assertEquals(Map.of(), rrq.options(), "PXE MTFTP asks with no options");
        receiveUnicastData(1, file); // the server's first block comes by unicast: we are master
        assertEquals(new TftpPacket.Ack(2), sentTo(TID));
        receiveMulticast(3, file);
        assertEquals(new TftpPacket.Ack(3), sentTo(TID));

        assertEquals(1100L, handler.completion().get(1, TimeUnit.SECONDS));
        assertArrayEquals(file, sink.bytes());
        assertEnded();
    }

    @Test
    void mtftpWithNoServerGivesUpSoTheOpenerCanFallBack() throws Exception {
        start(MulticastTransferHandler.Mode.MTFTP);
        for (int i = 0; i < 20 && !handler.completion().isDone(); i++) {
            channel.advanceTimeBy(100, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            while (channel.readOutbound() != null) {
                // RRQs
            }
        }
        assertInstanceOf(MulticastTransferHandler.NoMtftpServer.class, failure());
    }

    @Test
    void blocksFromAnotherHostOnTheGroupAreIgnored() {
        start(MulticastTransferHandler.Mode.TFTM);
        sentTo(SERVER);
        receiveUnicast(new TftpPacket.OptionAck(Map.of("multicast", "239.255.42.1,1758,1", "tsize", "600")));
        sentTo(TID);
        ByteBuf payload = Unpooled.buffer().writeBytes(new byte[512]);
        handler.receiveMulticast(new DefaultAddressedEnvelope<TftpPacket, InetSocketAddress>(
                new TftpPacket.Data(1, payload), GROUP, new InetSocketAddress("198.18.0.66", 50000)));

        assertEquals(0, payload.refCnt());
        assertNull(channel.readOutbound());
        assertEquals(0, sink.writes);
    }

    private void receiveUnicast(TftpPacket packet) {
        channel.writeInbound(new DefaultAddressedEnvelope<TftpPacket, InetSocketAddress>(packet, CLIENT, TID));
        assertNull(channel.readInbound());
    }

    private void receiveUnicastData(int block, byte[] file) {
        ByteBuf payload = slice(block, file);
        receiveUnicast(new TftpPacket.Data(block, payload));
        assertEquals(0, payload.refCnt());
    }

    private void receiveMulticast(int block, byte[] file) {
        ByteBuf payload = slice(block, file);
        handler.receiveMulticast(new DefaultAddressedEnvelope<TftpPacket, InetSocketAddress>(
                new TftpPacket.Data(block, payload), GROUP, TID));
        assertEquals(0, payload.refCnt());
    }

    private static ByteBuf slice(int block, byte[] file) {
        int from = (block - 1) * 512;
        int length = Math.min(512, file.length - from);
        return Unpooled.buffer(length).writeBytes(file, from, length);
    }

    private TftpPacket sentTo(InetSocketAddress expectedRecipient) {
        AddressedEnvelope<TftpPacket, InetSocketAddress> envelope = channel.readOutbound();
        assertTrue(envelope != null, "expected a packet to " + expectedRecipient);
        assertEquals(expectedRecipient, envelope.recipient());
        return envelope.content();
    }

    private JpxeException failure() {
        assertTrue(handler.completion().isCompletedExceptionally());
        try {
            handler.completion().get();
            throw new AssertionError("not failed");
        } catch (ExecutionException | InterruptedException e) {
            return assertInstanceOf(JpxeException.class, e.getCause());
        }
    }

    private void assertEnded() {
        assertFalse(channel.isOpen());
        assertNull(channel.readOutbound());
        assertFalse(channel.finish());
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
