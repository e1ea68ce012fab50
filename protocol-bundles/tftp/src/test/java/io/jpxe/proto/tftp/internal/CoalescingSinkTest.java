package io.jpxe.proto.tftp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CoalescingSinkTest {
    private final RecordingSink store = new RecordingSink();
    private final AtomicLong now = new AtomicLong();
    private final CoalescingSink sink = new CoalescingSink(store, now::get);

    private static ByteBuffer block(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return ByteBuffer.wrap(bytes);
    }

    @Test
    void gathersConsecutiveBlocksIntoOneWriteAndFlushesTheRest() throws Exception {
        byte[] expected = new byte[300 * 1432 + 7];
        long position = 0;
        for (int i = 0; i < 300; i++) {
            ByteBuffer b = block(1432, i);
            b.duplicate().get(expected, (int) position, 1432);
            sink.write(position, b);
            position += 1432;
        }
        ByteBuffer tail = block(7, 999);
        tail.duplicate().get(expected, (int) position, 7);
        sink.write(position, tail);
        sink.flush();

        assertArrayEquals(expected, store.bytes());
        assertEquals(2, store.writes, "runs of up to 256 KiB, not one write per block");
    }

    @Test
    void aWriteElsewhereOrAnOldRunPassesTheRunOnFirst() throws Exception {
        sink.write(0, block(512, 1));
        sink.write(4096, block(512, 2)); // not where the run continues
        assertEquals(1, store.writes);
        now.addAndGet(CoalescingSink.MAX_RUN_AGE_NANOS);
        sink.write(4608, block(512, 3)); // the run is old: a slow transfer still shows progress
        assertEquals(2, store.writes);
        sink.flush();
        sink.flush();
        assertEquals(2, store.writes, "nothing left to flush");
    }
}
