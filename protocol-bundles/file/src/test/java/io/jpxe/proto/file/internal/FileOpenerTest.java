package io.jpxe.proto.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;

class FileOpenerTest {
    @TempDir
    Path dir;

    /** Collects what the opener delivers, checking that offsets are contiguous. */
    static final class Collector implements DataSink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long expected = -1;

        @Override
        public void expectedSize(long size) {
            expected = size;
        }

        @Override
        public synchronized void write(long position, ByteBuffer data) {
            assertEquals(bytes.size(), position, "contiguous offsets");
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            bytes.writeBytes(chunk);
        }
    }

    @Test
    void readsAWholeFileInChunksWithItsSize() throws Exception {
        byte[] content = new byte[700_001];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("vmlinuz"), content);
        Collector sink = new Collector();

        long size = new FileOpener().open(file.toUri(), sink).completion().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertEquals(content.length, size);
        assertEquals(content.length, sink.expected);
        assertArrayEquals(content, sink.bytes.toByteArray());
    }

    @Test
    void aMissingFileFailsWithEnoentNamingTheUri() throws Exception {
        Path missing = dir.resolve("nope.ipxe");
        var completion = new FileOpener().open(missing.toUri(), new Collector()).completion().toCompletableFuture();

        ExecutionException e = assertThrows(ExecutionException.class, () -> completion.get(10, TimeUnit.SECONDS));
        JpxeException cause = assertInstanceOf(JpxeException.class, e.getCause());
        assertEquals(Errno.ENOENT, cause.errno());
        assertEquals(missing.toUri().toString(), cause.getMessage());
    }

    @Test
    void aFileUriOfAnotherHostIsRejected() {
        JpxeException e = assertThrows(JpxeException.class,
                () -> new FileOpener().open(java.net.URI.create("file://server/etc/passwd"), new Collector()));
        assertEquals(Errno.EINVAL, e.errno());
    }
}
