package io.jpxe.proto.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import io.jpxe.api.uri.DataSink;

/** A {@link DataSink} that assembles the file in memory and records the announced size. */
final class RecordingSink implements DataSink {

    private byte[] file = new byte[0];
    private int size;
    long expectedSize = -1;

    @Override
    public void expectedSize(long bytes) {
        expectedSize = bytes;
    }

    @Override
    public void write(long position, ByteBuffer data) throws IOException {
        int end = Math.toIntExact(position + data.remaining());
        if (end > file.length) {
            file = Arrays.copyOf(file, Math.max(end, file.length * 2));
        }
        data.get(file, (int) position, data.remaining());
        size = Math.max(size, end);
    }

    String text() {
        return new String(file, 0, size, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
