package io.jpxe.proto.tftp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;

/** The transfer state machine, fed packet by packet through a {@link TestLink} with a clock that moves when told. */
class TftpReadSessionTest {

    private static final URI URI_X = URI.create("tftp://127.0.0.1:6969/x");
    private static final InetSocketAddress LISTEN = new InetSocketAddress("127.0.0.1", 6969);
    private static final InetSocketAddress TID = new InetSocketAddress("127.0.0.1", 50123);

    private final RecordingSink sink = new RecordingSink();
    private TftpReadSession handler;
    private TestLink channel;

    private void start(TftpOptions options, RetransmissionTimer timer, RecordingSink target) {
        channel = new TestLink();
        handler = new TftpReadSession(URI_X, "x", options, timer, target, channel);
        channel.attach(handler);
        handler.start(LISTEN);
    }

    private void start(int blksize) {
        start(new TftpOptions(blksize), defaultTimer(), sink);
    }

    private static RetransmissionTimer defaultTimer() {
        return new RetransmissionTimer(Duration.ofMillis(250), Duration.ofMillis(20), Duration.ofSeconds(4),
                Duration.ofSeconds(15));
    }

    /** 10 ms before any sample and at least; waits of 10, 20, 40, 80 ms; 150 ms of silence end it. */
    private static RetransmissionTimer shortTimer() {
        return new RetransmissionTimer(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(80),
                Duration.ofMillis(150));
    }

    @Test
    void negotiatesOptionsThenReceivesBlocksInLockStep() throws Exception {
        start(1432);
        var rrq = assertInstanceOf(TftpPacket.Request.class, sentTo(LISTEN));
        assertEquals("x", rrq.filename());
        assertEquals(Map.of("blksize", "1432", "tsize", "0"), rrq.options());

        receive(new TftpPacket.OptionAck(Map.of("blksize", "1024", "tsize", "2000")), TID);
        assertEquals(new TftpPacket.Ack(0), sentTo(TID));
        assertEquals(2000, sink.expectedSize);

        byte[] file = pattern(2000);
        receiveData(1, file, 0, 1024, TID);
        assertEquals(new TftpPacket.Ack(1), sentTo(TID));
        receiveData(2, file, 1024, 976, TID);
        assertEquals(new TftpPacket.Ack(2), sentTo(TID));

        assertEquals(2000L, handler.completion().get(1, TimeUnit.SECONDS));
        assertArrayEquals(file, sink.bytes());
        assertEnded();
    }

    @Test
    void fallsBackToBlksize512WhenTheServerIgnoresOptions() throws Exception {
        start(1432);
        sentTo(LISTEN);

        byte[] file = pattern(1024);
        receiveData(1, file, 0, 512, TID);
        assertEquals(new TftpPacket.Ack(1), sentTo(TID));
        receiveData(2, file, 512, 512, TID);
        assertEquals(new TftpPacket.Ack(2), sentTo(TID));
        // A file of an exact multiple of the block size ends with an empty block.
        assertFalse(handler.completion().isDone());
        receiveData(3, file, 1024, 0, TID);
        assertEquals(new TftpPacket.Ack(3), sentTo(TID));

        assertEquals(1024L, handler.completion().get(1, TimeUnit.SECONDS));
        assertArrayEquals(file, sink.bytes());
        assertEquals(-1, sink.expectedSize);
        assertEnded();
    }

    @Test
    void blockNumbersRollOverAfter65535() throws Exception {
        start(8);
        sentTo(LISTEN);
        receive(new TftpPacket.OptionAck(Map.of("blksize", "8")), TID);
        assertEquals(new TftpPacket.Ack(0), sentTo(TID));

        long blocks = 70_000;
        for (long index = 1; index <= blocks; index++) {
            // Each full block holds its own index, so a wrong offset shows in the assembled file.
            ByteBuf payload = Unpooled.buffer(8).writeLong(index);
            receive(new TftpPacket.Data((int) index, payload), TID);
            assertEquals(0, payload.refCnt());
            assertEquals(new TftpPacket.Ack((int) (index & 0xFFFF)), sentTo(TID));
        }
        receive(new TftpPacket.Data((int) (blocks + 1), Unpooled.wrappedBuffer(new byte[] {42})), TID);
        sentTo(TID);

        assertEquals(blocks * 8 + 1, handler.completion().get(1, TimeUnit.SECONDS));
        ByteBuffer file = ByteBuffer.wrap(sink.bytes());
        for (long index = 1; index <= blocks; index++) {
            assertEquals(index, file.getLong());
        }
        assertEquals(42, file.get());
        assertEnded();
    }

    @Test
    void acknowledgesOnlyTheLastBlockOfEachNegotiatedWindow() throws Exception {
        start(new TftpOptions(1432, 16), defaultTimer(), sink);
        var rrq = assertInstanceOf(TftpPacket.Request.class, sentTo(LISTEN));
        assertEquals(Map.of("blksize", "1432", "tsize", "0", "windowsize", "16"), rrq.options());
        // The server may lower the window: 3 blocks per ACK.
        receive(new TftpPacket.OptionAck(Map.of("blksize", "512", "windowsize", "3")), TID);
        assertEquals(new TftpPacket.Ack(0), sentTo(TID));

        byte[] file = pattern(7 * 512 + 5);
        for (int block = 1; block <= 8; block++) {
            receiveData(block, file, (block - 1) * 512, Math.min(512, file.length - (block - 1) * 512), TID);
            if (block % 3 == 0 || block == 8) {
                assertEquals(new TftpPacket.Ack(block), sentTo(TID));
            } else {
                assertNull(channel.readOutbound(), "no ACK inside a window (block " + block + ")");
            }
        }
        assertEquals((long) file.length, handler.completion().get(1, TimeUnit.SECONDS));
        assertArrayEquals(file, sink.bytes());
        assertEnded();
    }

    @Test
    void fallsBackToLockStepWhenTheServerLeavesOutWindowsize() throws Exception {
        start(new TftpOptions(1432, 16), defaultTimer(), sink);
        sentTo(LISTEN);
        receive(new TftpPacket.OptionAck(Map.of("blksize", "1432", "tsize", "1500")), TID);
        assertEquals(new TftpPacket.Ack(0), sentTo(TID));

        byte[] file = pattern(1500);
        receiveData(1, file, 0, 1432, TID);
        assertEquals(new TftpPacket.Ack(1), sentTo(TID));
        receiveData(2, file, 1432, 68, TID);
        assertEquals(new TftpPacket.Ack(2), sentTo(TID));
        assertEquals(1500L, handler.completion().get(1, TimeUnit.SECONDS));
        assertEnded();
    }

    @Test
    void answersAGapOrAResentWindowOnceWithTheLastBlockInOrder() throws Exception {
        start(new TftpOptions(512, 4), defaultTimer(), sink);
        sentTo(LISTEN);
        receive(new TftpPacket.OptionAck(Map.of("blksize", "512", "windowsize", "4")), TID);
        sentTo(TID);
        byte[] file = pattern(6 * 512 + 1);

        receiveData(1, file, 0, 512, TID);
        receiveData(3, file, 1024, 512, TID); // block 2 lost
        assertEquals(new TftpPacket.Ack(1), sentTo(TID), "the gap is reported at once");
        receiveData(4, file, 1536, 512, TID);
        assertNull(channel.readOutbound(), "the same gap is reported once");

        // The server resends from block 2; its window restarts there.
        for (int block = 2; block <= 5; block++) {
            receiveData(block, file, (block - 1) * 512, 512, TID);
        }
        assertEquals(new TftpPacket.Ack(5), sentTo(TID));
        // Our ACK 5 was lost: the server resends 2..5; one ACK 5 answers the whole resent window.
        for (int block = 2; block <= 5; block++) {
            receiveData(block, file, (block - 1) * 512, 512, TID);
        }
        assertEquals(new TftpPacket.Ack(5), sentTo(TID));
        assertNull(channel.readOutbound(), "duplicates are answered once, never more (Sorcerer's Apprentice)");

        receiveData(6, file, 2560, 512, TID);
        receiveData(7, file, 3072, 1, TID);
        assertEquals(new TftpPacket.Ack(7), sentTo(TID));
        assertEquals((long) file.length, handler.completion().get(1, TimeUnit.SECONDS));
        assertArrayEquals(file, sink.bytes());
        assertEquals(7, sink.writes, "each block is stored once");
        assertEnded();
    }

    @Test
    void aGapStillThereTwoRoundTripsLaterIsAnsweredAgainWithoutWaitingForATimeout() throws Exception {
        start(new TftpOptions(512, 4), defaultTimer(), sink);
        sentTo(LISTEN);
        channel.advanceTimeBy(2, TimeUnit.MILLISECONDS); // a 2 ms round trip
        receive(new TftpPacket.OptionAck(Map.of("blksize", "512", "windowsize", "4")), TID);
        sentTo(TID);
        byte[] file = pattern(4 * 512);

        receiveData(2, file, 512, 512, TID); // block 1 lost
        assertEquals(new TftpPacket.Ack(0), sentTo(TID));
        channel.advanceTimeBy(3, TimeUnit.MILLISECONDS);
        receiveData(3, file, 1024, 512, TID); // still the first window's tail
        assertNull(channel.readOutbound());
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        receiveData(2, file, 512, 512, TID); // the resent window lost its first block too
        assertEquals(new TftpPacket.Ack(0), sentTo(TID), "answered again after two round trips, not after the RTO");
    }

    @Test
    void silenceInsideAWindowIsAnsweredWithTheLastBlockInOrder() {
        start(new TftpOptions(512, 8), shortTimer(), sink);
        sentTo(LISTEN);
        receive(new TftpPacket.OptionAck(Map.of("windowsize", "8")), TID);
        sentTo(TID);
        receiveData(1, new byte[512], 0, 512, TID);
        receiveData(2, new byte[512], 0, 512, TID);
        assertNull(channel.readOutbound());

        channel.advanceTimeBy(10, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals(new TftpPacket.Ack(2), sentTo(TID));
        channel.closeUnderneath();
    }

    @Test
    void windowedBlockNumbersRollOver() throws Exception {
        start(new TftpOptions(8, 64), defaultTimer(), sink);
        sentTo(LISTEN);
        receive(new TftpPacket.OptionAck(Map.of("blksize", "8", "windowsize", "64")), TID);
        sentTo(TID);
        long blocks = 66_000;
        int acks = 0;
        for (long index = 1; index <= blocks; index++) {
            receive(new TftpPacket.Data((int) index, Unpooled.buffer(8).writeLong(index)), TID);
            AddressedEnvelope<TftpPacket, InetSocketAddress> ack = channel.readOutbound();
            if (ack != null) {
                acks++;
                assertEquals(new TftpPacket.Ack((int) (index & 0xFFFF)), ack.content());
            }
        }
        receive(new TftpPacket.Data((int) (blocks + 1), Unpooled.buffer(0)), TID);
        sentTo(TID);

        assertEquals(blocks / 64, acks);
        assertEquals(blocks * 8, handler.completion().get(1, TimeUnit.SECONDS));
        ByteBuffer file = ByteBuffer.wrap(sink.bytes());
        for (long index = 1; index <= blocks; index++) {
            assertEquals(index, file.getLong());
        }
        assertEnded();
    }

    @Test
    void answersAStrangerWithUnknownTransferIdAndCarriesOn() throws Exception {
        start(1432);
        sentTo(LISTEN);
        InetSocketAddress otherHost = new InetSocketAddress("127.0.0.2", 50123);
        receiveData(1, new byte[10], 0, 10, otherHost);
        assertEquals(new TftpPacket.Error(TftpPacket.ERROR_UNKNOWN_TID, "Unknown transfer ID"), sentTo(otherHost));

        receiveData(1, new byte[512], 0, 512, TID);
        assertEquals(new TftpPacket.Ack(1), sentTo(TID));
        InetSocketAddress otherPort = new InetSocketAddress("127.0.0.1", 50124);
        receiveData(2, new byte[10], 0, 10, otherPort);
        assertEquals(new TftpPacket.Error(TftpPacket.ERROR_UNKNOWN_TID, "Unknown transfer ID"), sentTo(otherPort));
        receive(new TftpPacket.Error(1, "spoofed"), otherPort);
        assertNull(channel.readOutbound(), "an error is never answered with an error");

        receiveData(2, new byte[3], 0, 3, TID);
        assertEquals(new TftpPacket.Ack(2), sentTo(TID));
        assertEquals(515L, handler.completion().get(1, TimeUnit.SECONDS));
        assertEnded();
    }

    @Test
    void reAcksADuplicateBlockAndIgnoresFutureOnes() throws Exception {
        start(1432);
        sentTo(LISTEN);
        receiveData(1, new byte[512], 0, 512, TID);
        assertEquals(new TftpPacket.Ack(1), sentTo(TID));

        receiveData(1, new byte[512], 0, 512, TID);
        assertEquals(new TftpPacket.Ack(1), sentTo(TID), "lost ACK: acknowledge again");
        receiveData(5, new byte[512], 0, 512, TID);
        assertNull(channel.readOutbound(), "a future block is ignored");
        assertEquals(1, sink.writes);

        receiveData(2, new byte[0], 0, 0, TID);
        assertEquals(new TftpPacket.Ack(2), sentTo(TID));
        assertEquals(512L, handler.completion().get(1, TimeUnit.SECONDS));
        assertEnded();
    }

    @Test
    void reAcksADuplicateOptionAck() {
        start(1432);
        sentTo(LISTEN);
        receive(new TftpPacket.OptionAck(Map.of("tsize", "10")), TID);
        assertEquals(new TftpPacket.Ack(0), sentTo(TID));
        receive(new TftpPacket.OptionAck(Map.of("tsize", "10")), TID);
        assertEquals(new TftpPacket.Ack(0), sentTo(TID));
        assertFalse(handler.completion().isDone());
        channel.closeUnderneath();
    }

    @Test
    void mapsServerErrorsToErrnoAndQuotesTheServer() {
        for (var expected : Map.of(1, Errno.ENOENT, 2, Errno.EACCES, 4, Errno.ENOTTY, 3, Errno.EIO, 0, Errno.EIO)
                .entrySet()) {
            start(1432);
            sentTo(LISTEN);
            receive(new TftpPacket.Error(expected.getKey(), "File not found"), TID);

            JpxeException e = failure();
            assertEquals(expected.getValue(), e.errno());
            assertEquals("tftp://127.0.0.1:6969/x: TFTP error " + expected.getKey() + " (File not found)",
                    e.getMessage());
            assertNull(channel.readOutbound(), "errors are not acknowledged");
            assertEnded();
        }
    }

    @Test
    void asksTftpdHpaForAShortRetransmissionTimeoutAndTakesItsEcho() throws Exception {
        start(new TftpOptions(1432, 1, 100_000), defaultTimer(), sink);
        var rrq = assertInstanceOf(TftpPacket.Request.class, sentTo(LISTEN));
        assertEquals(Map.of("blksize", "1432", "tsize", "0", "utimeout", "100000"), rrq.options());

        receive(new TftpPacket.OptionAck(Map.of("blksize", "1432", "utimeout", "100000")), TID);
        assertEquals(new TftpPacket.Ack(0), sentTo(TID));
        receiveData(1, new byte[] {1, 2, 3}, 0, 3, TID);
        assertEquals(3L, handler.completion().get(1, TimeUnit.SECONDS));
    }

    @Test
    void refusesAServerTimeoutOutsideTftpdHpasRange() {
        for (int micros : new int[] {-1, 9_999, 255_000_001}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new TftpOptions(1432, 1, micros));
            assertTrue(e.getMessage().contains("utimeout"), e.getMessage());
        }
    }

    @Test
    void refusesAnOptionAckBeyondWhatWasAsked() {
        for (var oack : Map.of("blksize", "2048", "windowsize", "17", "tsize", "-1", "blksize ", "7",
                "windowsize ", "0", "timeout", "1", "utimeout", "100000").entrySet()) {
            start(new TftpOptions(1432, 16), defaultTimer(), sink);
            sentTo(LISTEN);
            receive(new TftpPacket.OptionAck(Map.of(oack.getKey().strip(), oack.getValue())), TID);

            var error = assertInstanceOf(TftpPacket.Error.class, sentTo(TID));
            assertEquals(TftpPacket.ERROR_OPTION_NEGOTIATION, error.code());
            JpxeException e = failure();
            assertEquals(Errno.EPROTO, e.errno());
            assertTrue(e.getMessage().contains(oack.getKey().strip()), e.getMessage());
            assertEnded();
        }
    }

    @Test
    void answersMalformedOrOversizedPacketsWithIllegalOperation() {
        for (TftpPacket bad : new TftpPacket[] {
                new TftpPacket.Malformed("unknown opcode 9"),
                new TftpPacket.Ack(1),
                new TftpPacket.Data(1, Unpooled.wrappedBuffer(new byte[513]))}) {
            start(1432);
            sentTo(LISTEN);
            receive(bad, TID);

            var error = assertInstanceOf(TftpPacket.Error.class, sentTo(TID));
            assertEquals(TftpPacket.ERROR_ILLEGAL_OPERATION, error.code());
            assertEquals(Errno.EPROTO, failure().errno());
            assertEnded();
        }
    }

    @Test
    void retransmitsWithDoublingTimeoutThenTimesOut() {
        start(new TftpOptions(1432), shortTimer(), sink);
        TftpPacket rrq = sentTo(LISTEN);

        // Waits of 10, 20 and 40 ms each end in a retransmission; after the 80 ms wait, 150 ms of silence end it.
        for (long wait : new long[] {10, 20, 40}) {
            channel.advanceTimeBy(wait - 1, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            assertNull(channel.readOutbound(), "nothing before " + wait + " ms");
            channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            assertEquals(rrq, sentTo(LISTEN));
        }
        channel.advanceTimeBy(80, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        JpxeException e = failure();
        assertEquals(Errno.ETIMEDOUT, e.errno());
        assertEquals("tftp://127.0.0.1:6969/x: no reply while waiting for the server's first reply", e.getMessage());
        assertEnded();
    }

    @Test
    void retransmitsTheLastAckAndRestartsTheBackoffOnProgress() {
        start(new TftpOptions(1432), shortTimer(), sink);
        sentTo(LISTEN);
        channel.advanceTimeBy(10, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        sentTo(LISTEN);

        receiveData(1, new byte[512], 0, 512, TID);
        assertEquals(new TftpPacket.Ack(1), sentTo(TID));
        channel.advanceTimeBy(10, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals(new TftpPacket.Ack(1), sentTo(TID), "back to the initial 10 ms after progress");
        channel.closeUnderneath();
    }

    @Test
    void cancelTellsTheServerAndFailsWithTheReason() {
        start(1432);
        sentTo(LISTEN);
        receiveData(1, new byte[512], 0, 512, TID);
        sentTo(TID);
        JpxeException reason = new JpxeException(Errno.ECANCELED, "Ctrl-C");

        handler.cancel(reason);
        handler.cancel(reason);

        assertEquals(new TftpPacket.Error(0, "Transfer cancelled"), sentTo(TID));
        assertSame(reason, failure());
        assertEnded();
    }

    @Test
    void abortsWhenTheSinkCannotStore() {
        start(new TftpOptions(1432), defaultTimer(), new RecordingSink(new IOException("disk full")));
        sentTo(LISTEN);
        receiveData(1, new byte[512], 0, 512, TID);

        assertEquals(new TftpPacket.Ack(1), sentTo(TID), "acknowledged before it is stored");
        var error = assertInstanceOf(TftpPacket.Error.class, sentTo(TID));
        assertEquals(TftpPacket.ERROR_DISK_FULL, error.code());
        JpxeException e = failure();
        assertEquals(Errno.EIO, e.errno());
        assertEquals("tftp://127.0.0.1:6969/x: cannot store block 1: disk full", e.getMessage());
        assertEnded();
    }

    @Test
    void closingTheSocketFailsTheTransfer() {
        start(1432);
        sentTo(LISTEN);
        channel.closeUnderneath();

        assertEquals(Errno.ECONNABORTED, failure().errno());
        assertEnded();
    }

    private void receive(TftpPacket packet, InetSocketAddress from) {
        channel.writeInbound(packet, from);
    }

    private void receiveData(int block, byte[] file, int offset, int length, InetSocketAddress from) {
        ByteBuf payload = Unpooled.buffer(length).writeBytes(file, offset, length);
        receive(new TftpPacket.Data(block, payload), from);
        assertEquals(0, payload.refCnt(), "the handler releases every DATA payload");
    }

    private TftpPacket sentTo(InetSocketAddress expectedRecipient) {
        AddressedEnvelope<TftpPacket, InetSocketAddress> envelope = channel.readOutbound();
        assertTrue(envelope != null, "expected a packet to " + expectedRecipient);
        assertEquals(expectedRecipient, envelope.recipient());
        return envelope.content();
    }

    private JpxeException failure() {
        CompletableFuture<Long> completion = handler.completion();
        assertTrue(completion.isCompletedExceptionally());
        try {
            completion.get();
            throw new AssertionError("not failed");
        } catch (ExecutionException e) {
            return assertInstanceOf(JpxeException.class, e.getCause());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void assertEnded() {
        assertFalse(channel.isOpen(), "the socket is closed when the transfer ends");
        assertTrue(handler.completion().isDone());
        assertNull(channel.readOutbound(), "nothing sent after the end");
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
