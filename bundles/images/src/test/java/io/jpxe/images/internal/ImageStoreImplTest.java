package io.jpxe.images.internal;

import static io.jpxe.images.internal.TestImages.openMemfds;
import static io.jpxe.images.internal.TestImages.randomBytes;
import static io.jpxe.images.internal.TestImages.sha256;
import static io.jpxe.images.internal.TestImages.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageType;
import io.jpxe.api.image.ImageWriter;

class ImageStoreImplTest {
    private final ImageStoreImpl store = new ImageStoreImpl();

    @AfterEach
    void releaseAll() {
        store.deactivate();
    }

    private Image store(String name, byte[] data) throws Exception {
        try (ImageWriter writer = store.create(name, URI.create("http://server/" + name))) {
            writer.write(0, ByteBuffer.wrap(data));
            return writer.commit();
        }
    }

    @Test
    void storesBytesInAMemfdReadableThroughItsProcPath() throws Exception {
        assumeTrue(TestImages.isLinux());
        assertTrue(store.usesMemfd(), "memfd_create should be reachable through FFM on Linux");
        byte[] data = randomBytes(300_000, 1);

        Image image = store("memfd-roundtrip", data);

        assertEquals(data.length, image.size());
        assertEquals(sha256(data), image.sha256());
        assertTrue(image.path().toString().startsWith("/proc/" + ProcessHandle.current().pid() + "/fd/"),
                image.path().toString());
        assertTrue(Files.readSymbolicLink(image.path()).toString().startsWith("/memfd:jpxe:memfd-roundtrip"));
        assertArrayEquals(data, Files.readAllBytes(image.path()));
        try (InputStream in = image.openStream()) {
            assertArrayEquals(data, in.readAllBytes());
        }
        ByteBuffer middle = ByteBuffer.allocate(10);
        assertEquals(10, image.read(1000, middle));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 1000, 1010), middle.array());
        assertEquals(-1, image.read(data.length, ByteBuffer.allocate(1)));
    }

    @Test
    void acceptsOutOfOrderAndRepeatedWrites() throws Exception {
        byte[] data = randomBytes(10_000, 2);
        try (ImageWriter writer = store.create("scattered", null)) {
            writer.write(6000, slice(data, 6000, 10_000));
            assertEquals(10_000, writer.size(), "size is the highest offset written");
            writer.write(0, slice(data, 0, 3000));
            writer.write(3000, slice(data, 3000, 6000));
            writer.write(1000, slice(data, 1000, 2000)); // a retransmission
            assertEquals(10_000, writer.size());
            Image image = writer.commit();
            assertEquals(sha256(data), image.sha256());
            try (InputStream in = image.openStream()) {
                assertArrayEquals(data, in.readAllBytes());
            }
        }
    }

    @Test
    void hashesOnFirstRequestAcrossChunksAndFailsClearlyOnceReleased() throws Exception {
        byte[] data = randomBytes(3 * 1024 * 1024 + 17, 5); // more than one read-back chunk
        Image image = store("lazy-digest", data);
        assertEquals(sha256(data), image.sha256());
        assertSame(image.sha256(), image.sha256(), "computed once, then remembered");

        Image other = store("released", randomBytes(100, 6));
        ((StoredImage) other).release();
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, other::sha256);
        assertTrue(e.getMessage().contains("released"), e.getMessage());
    }

    @Test
    void digestFollowsOverwritesOfSequentiallyHashedBytes() throws Exception {
        byte[] data = randomBytes(50_000, 3);
        byte[] patched = data.clone();
        System.arraycopy(randomBytes(500, 4), 0, patched, 20_000, 500);
        try (ImageWriter writer = store.create("overwritten", null)) {
            for (int at = 0; at < data.length; at += 4096) {
                writer.write(at, slice(data, at, Math.min(at + 4096, data.length)));
            }
            writer.write(20_000, slice(patched, 20_000, 20_500)); // different bytes where already hashed
            writer.write(30_000, slice(data, 30_000, 31_000)); // an identical retransmission
            Image image = writer.commit();
            assertEquals(sha256(patched), image.sha256());
            try (InputStream in = image.openStream()) {
                assertEquals(sha256(in.readAllBytes()), image.sha256());
            }
        }
    }

    @Test
    void leavesTheCallersBufferAlone() throws Exception {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3});
        try (ImageWriter writer = store.create("buffer", null)) {
            writer.write(0, buffer);
            assertEquals(0, buffer.position());
        }
    }

    @Test
    void abortedImagesAreNeverVisibleAndTheirMemfdIsClosed() throws Exception {
        assumeTrue(TestImages.isLinux());
        ImageWriter writer = store.create("half-written", URI.create("tftp://server/half-written"));
        writer.write(0, ByteBuffer.wrap(randomBytes(5000, 3)));
        assertEquals(2, openMemfds("half-written"), "the memfd and the channel reopened through /proc");
        assertTrue(store.images().isEmpty());

        writer.abort();
        writer.abort(); // idempotent

        assertTrue(store.images().isEmpty());
        assertEquals(Optional.empty(), store.find("half-written"));
        assertEquals(0, openMemfds("half-written"));
        assertThrows(IOException.class, () -> writer.write(0, ByteBuffer.wrap(new byte[1])));
        assertThrows(JpxeException.class, writer::commit);
    }

    @Test
    void closeWithoutCommitAborts() throws Exception {
        try (ImageWriter writer = store.create("closed", null)) {
            writer.write(0, ByteBuffer.wrap(new byte[] {1}));
        }
        assertTrue(store.images().isEmpty());
    }

    @Test
    void aSameNamedImageReplacesTheOlderOne() throws Exception {
        Image first = store("kernel", new byte[] {1, 2, 3});
        Image other = store("initrd", new byte[] {9});
        Image second = store("kernel", new byte[] {4, 5});

        assertEquals(List.of(other, second), store.images());
        assertSame(second, store.find("kernel").orElseThrow());
        assertThrows(IOException.class, () -> first.read(0, ByteBuffer.allocate(1)));
    }

    @Test
    void unregisterReleasesTheBytes() throws Exception {
        assumeTrue(TestImages.isLinux());
        Image image = store("to-free", new byte[] {1, 2, 3});
        Path path = image.path();
        assertTrue(Files.exists(path));

        store.unregister(image);

        assertTrue(store.images().isEmpty());
        assertFalse(Files.exists(path));
        assertEquals(0, openMemfds("to-free"));
        store.unregister(image); // unknown images are ignored
    }

    @Test
    void aRunningImageKeepsItsBytesUntilReregistered() throws Exception {
        Image image = store("script", new byte[] {'#', '!'});
        image.flag(Image.Flag.CURRENT, true);
        store.unregister(image);
        assertTrue(store.images().isEmpty());
        assertEquals(2, image.read(0, ByteBuffer.allocate(2)));

        image.flag(Image.Flag.CURRENT, false);
        store.reregister(image);
        assertEquals(List.of(image), store.images());
    }

    @Test
    void temporaryFileFallbackStoresAndDeletes() throws Exception {
        ImageStoreImpl fileStore = new ImageStoreImpl(false);
        assertFalse(fileStore.usesMemfd());
        byte[] data = randomBytes(70_000, 4);
        Image image;
        try (ImageWriter writer = fileStore.create("file-backed", null)) {
            writer.write(0, ByteBuffer.wrap(data));
            image = writer.commit();
        }
        assertTrue(Files.isRegularFile(image.path()));
        assertArrayEquals(data, Files.readAllBytes(image.path()));
        assertEquals(sha256(data), image.sha256());

        fileStore.unregister(image);
        assertFalse(Files.exists(image.path()));
    }

    @Test
    void namesDefaultToTheLastPathSegmentElseImgN() throws Exception {
        assertEquals("vmlinuz", commitEmpty(null, "http://boot.example/linux/vmlinuz"));
        assertEquals("my file", commitEmpty(null, "http://boot.example/my%20file"));
        assertEquals("img0", commitEmpty(null, "http://boot.example/"));
        assertEquals("img1", commitEmpty(null, null));
        assertEquals("chosen", commitEmpty("chosen", "http://boot.example/vmlinuz"));
    }

    private String commitEmpty(String name, String uri) throws Exception {
        try (ImageWriter writer = store.create(name, uri == null ? null : URI.create(uri))) {
            return writer.commit().name();
        }
    }

    @Test
    void probesTypesByRankingAndIgnoresThrowingProbes() throws Exception {
        store.bindType(new FixedType("low", true), Map.of("service.ranking", 1, "service.id", 10L,
                "jpxe.image.type", "low"));
        store.bindType(new FixedType("broken", null), Map.of("service.ranking", 100, "service.id", 11L));
        FixedType high = new FixedType("high", true);
        store.bindType(high, Map.of("service.ranking", 5, "service.id", 12L,
                "jpxe.image.type", "high"));
        store.bindType(new FixedType("never", false), Map.of("service.ranking", 50, "service.id", 13L));

        assertEquals(Optional.of("high"), store("typed", new byte[] {1}).type());

        store.unbindType(high);
        assertEquals(Optional.of("low"), store("typed2", new byte[] {1}).type());
    }

    @Test
    void commandLineAndFlagsAreMetadata() throws Exception {
        Image image = store("meta", new byte[] {1});
        assertEquals("", image.commandLine());
        image.commandLine("console=ttyS0");
        image.flag(Image.Flag.AUTOFREE, true);
        assertEquals("console=ttyS0", image.commandLine());
        assertEquals(java.util.Set.of(Image.Flag.AUTOFREE), image.flags());
        image.flag(Image.Flag.AUTOFREE, false);
        assertTrue(image.flags().isEmpty());
    }

    /** An image type with a fixed answer; {@code null} makes the probe throw. */
    static final class FixedType implements ImageType {
        private final String name;
        private final Boolean answer;

        FixedType(String name, Boolean answer) {
            this.name = name;
            this.answer = answer;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean probe(Image image) throws IOException {
            if (answer == null) {
                throw new IllegalStateException("broken probe");
            }
            return answer;
        }

        @Override
        public void execute(Image image, CommandContext context) {
        }
    }
}
