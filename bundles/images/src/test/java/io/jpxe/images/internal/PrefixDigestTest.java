package io.jpxe.images.internal;

import static io.jpxe.images.internal.TestImages.randomBytes;
import static io.jpxe.images.internal.TestImages.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives {@link PrefixDigest} the way {@link StoreWriter} does (check, write, extend) against a
 * real file, and compares its result with {@link java.security.MessageDigest} over the final bytes.
 */
class PrefixDigestTest {
    @TempDir
    Path dir;
    private FileChannel channel;
    private final PrefixDigest digest = new PrefixDigest();
    private long size;

    @BeforeEach
    void open() throws IOException {
        channel = FileChannel.open(dir.resolve("image"), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    @AfterEach
    void close() throws IOException {
        channel.close();
    }

    private void write(long position, byte[] bytes) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(bytes);
        digest.beforeWrite(position, data, channel);
        long at = position;
        ByteBuffer remaining = data.duplicate();
        while (remaining.hasRemaining()) {
            at += channel.write(remaining, at);
        }
        digest.afterWrite(position, data, channel);
        size = Math.max(size, at);
    }

    private void write(byte[] image, int from, int to) throws IOException {
        write(from, Arrays.copyOfRange(image, from, to));
    }

    private byte[] finalBytes() throws IOException {
        ByteBuffer all = ByteBuffer.allocate((int) size);
        while (all.hasRemaining()) {
            channel.read(all, all.position());
        }
        return all.array();
    }

    @Test
    void hashesInOrderWritesWithoutReadingBack() throws Exception {
        byte[] image = randomBytes(200_000, 1);
        for (int at = 0; at < image.length; at += 1432) {
            write(image, at, Math.min(at + 1432, image.length));
        }
        assertEquals(image.length, digest.prefix(), "every in-order byte is hashed as it arrives");
        assertEquals(sha256(image), digest.finish(size, channel));
    }

    @Test
    void readsBackWhatArrivedOutOfOrder() throws Exception {
        byte[] image = randomBytes(40_000, 2);
        write(image, 0, 10_000);
        write(image, 20_000, 30_000); // a gap: not hashed yet
        write(image, 10_000, 20_000);
        write(image, 30_000, 40_000); // after the gap: left for finish
        assertEquals(20_000, digest.prefix());
        assertEquals(sha256(image), digest.finish(size, channel));
        assertEquals(sha256(finalBytes()), sha256(image));
    }

    @Test
    void resumedRangeIsHashedAtFinish() throws Exception {
        byte[] image = randomBytes(30_000, 3);
        write(image, 15_000, 30_000); // a Range resume starts past zero
        write(image, 0, 15_000);
        assertEquals(15_000, digest.prefix(), "only the prefix written in order is hashed");
        assertEquals(sha256(image), digest.finish(size, channel));
    }

    @Test
    void identicalRetransmissionKeepsTheDigest() throws Exception {
        byte[] image = randomBytes(20_000, 4);
        write(image, 0, 12_000);
        write(image, 8_000, 12_000); // the same block again
        write(image, 10_000, 16_000); // overlapping the end of the prefix with the same bytes
        write(image, 16_000, 20_000);
        assertEquals(20_000, digest.prefix());
        assertEquals(0, digest.restarts(), "identical bytes need no new start");
        assertEquals(sha256(image), digest.finish(size, channel));
    }

    @Test
    void changedBytesInTheHashedPrefixRestartTheDigest() throws Exception {
        byte[] image = randomBytes(20_000, 5);
        write(image, 0, 20_000);
        byte[] patch = randomBytes(1000, 6);
        write(5000, patch);
        System.arraycopy(patch, 0, image, 5000, patch.length);
        assertEquals(1, digest.restarts(), "the digest no longer matches the stored bytes");
        assertEquals(sha256(image), digest.finish(size, channel));
        assertEquals(sha256(finalBytes()), sha256(image));
    }

    @Test
    void partlyChangedOverlapAtThePrefixEndRestartsTheDigest() throws Exception {
        byte[] image = randomBytes(10_000, 7);
        write(image, 0, 6000);
        byte[] patch = Arrays.copyOfRange(image, 5000, 8000);
        patch[999] ^= 1; // the last byte inside the hashed prefix differs
        write(5000, patch);
        image[5999] ^= 1;
        write(image, 8000, 10_000);
        assertEquals(sha256(image), digest.finish(size, channel));
    }

    @Test
    void rewritesWhileTheThreadHashesStillGiveTheDigestOfTheFinalBytes() throws Exception {
        java.util.Random random = new java.util.Random(8);
        byte[] image = randomBytes(4 << 20, 9);
        for (int at = 0; at < image.length; at += 8192) {
            write(image, at, Math.min(at + 8192, image.length));
            if (random.nextInt(50) == 0) {
                int from = random.nextInt(at + 1);
                byte[] patch = randomBytes(Math.min(3000, image.length - from), random.nextInt());
                write(from, patch);
                System.arraycopy(patch, 0, image, from, patch.length);
            }
        }
        assertEquals(sha256(image), digest.finish(size, channel));
    }

    @Test
    void emptyImageHasTheDigestOfNothing() throws Exception {
        write(0, new byte[0]);
        assertEquals(sha256(new byte[0]), digest.finish(size, channel));
    }

    @Test
    void holesReadBackAsZeros() throws Exception {
        byte[] image = new byte[9000];
        byte[] tail = randomBytes(1000, 8);
        System.arraycopy(tail, 0, image, 8000, tail.length);
        write(8000, tail);
        assertEquals(sha256(image), digest.finish(size, channel));
    }
}
