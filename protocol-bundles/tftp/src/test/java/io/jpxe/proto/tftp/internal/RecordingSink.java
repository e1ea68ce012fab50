package io.jpxe.proto.tftp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import io.jpxe.api.uri.DataSink;

/** A {@link DataSink} that assembles the file in memory and records what it was told. */
final class RecordingSink implements DataSink {

    private byte[] file = new byte[0];
    private long size;
    volatile long expectedSize = -1;
    volatile int writes;
    private final IOException failure;

    RecordingSink() {
        this(null);
    }

    /** A sink whose every write fails with {@code failure}. */
    RecordingSink(IOException failure) {
        this.failure = failure;
    }

    @Override
    public void expectedSize(long bytes) {
        expectedSize = bytes;
    }

    @Override
    public synchronized void write(long position, ByteBuffer data) throws IOException {
        if (failure != null) {
            throw failure;
        }
        writes++;
        int end = Math.toIntExact(position + data.remaining());
        if (end > file.length) {
            file = Arrays.copyOf(file, Math.max(end, file.length * 2));
        }
        data.get(file, (int) position, data.remaining());
        size = Math.max(size, end);
    }

    synchronized byte[] bytes() {
        return Arrays.copyOf(file, (int) size);
    }
}
