package io.jpxe.proto.tftp.internal;

import java.io.Flushable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

import io.jpxe.api.uri.DataSink;

/**
 * Gathers consecutive small writes (TFTP blocks of 512 to 1432 bytes) into runs of up to
 * {@link #RUN_BYTES} before they reach the image store: one store write, a system call, per block was
 * a good part of what a block costs once several arrive back to back (RFC 7440 windows). A write
 * that does not continue the run, a run older than {@link #MAX_RUN_AGE_NANOS} (so a slow transfer
 * still shows progress and keeps an idle timeout from firing), or a {@link #flush}, passes the run on.
 *
 * <p>Not thread-safe: used by one transfer's thread. The {@link TftpReadSession} flushes it before
 * the transfer completes, so the store holds every byte when the caller commits the image.
 */
final class CoalescingSink implements DataSink, Flushable {
    static final int RUN_BYTES = 256 * 1024;
    static final long MAX_RUN_AGE_NANOS = 100_000_000L;

    private final DataSink target;
    private final ByteBuffer run = ByteBuffer.allocateDirect(RUN_BYTES);
    /** Where in the file {@link #run}'s first byte goes. */
    private long runStart;
    private long runStartedAt;
    private final LongSupplier clock;

    CoalescingSink(DataSink target) {
        this(target, System::nanoTime);
    }

    CoalescingSink(DataSink target, LongSupplier clock) {
        this.target = target;
        this.clock = clock;
    }

    @Override
    public void expectedSize(long bytes) {
        target.expectedSize(bytes);
    }

    @Override
    public void write(long position, ByteBuffer data) throws IOException {
        if (run.position() > 0 && (position != runStart + run.position() || data.remaining() > run.remaining())) {
            flush();
        }
        if (data.remaining() >= RUN_BYTES) {
            target.write(position, data);
            return;
        }
        if (run.position() == 0) {
            runStart = position;
            runStartedAt = clock.getAsLong();
        }
        int length = data.remaining();
        run.put(run.position(), data, data.position(), length).position(run.position() + length); // caller's buffer untouched
        if (clock.getAsLong() - runStartedAt >= MAX_RUN_AGE_NANOS) {
            flush();
        }
    }

    /** Passes the gathered run on to the store. */
    @Override
    public void flush() throws IOException {
        if (run.position() == 0) {
            return;
        }
        run.flip();
        try {
            target.write(runStart, run.asReadOnlyBuffer());
        } finally {
            run.clear();
        }
    }
}
