package io.jpxe.commands.archive.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageWriter;
import io.jpxe.image.archive.internal.ExtractorService;
import io.jpxe.images.internal.ImageManagerImpl;
import io.jpxe.images.internal.ImageStoreImpl;
import io.jpxe.testkit.MapOpener;
import io.jpxe.testkit.RecordingContext;

/** imgextract against the real image store and manager, with archives made by java.util.zip. */
class ImgextractCommandTest {
    private static final URI SOURCE = URI.create("http://boot.example/initrd.img.gz");
    private static final byte[] TEXT = "#!ipxe\necho extracted\n".getBytes();

    private final ImageStoreImpl store = new ImageStoreImpl();
    private final ImageManagerImpl manager = new ImageManagerImpl(store, "plan");
    private final ImgextractCommand command = new ImgextractCommand(manager, store, new ExtractorService(store));
    private final RecordingContext context = new RecordingContext()
            .inScript(URI.create("http://boot.example/boot.ipxe"), 1);

    @AfterEach
    void release() {
        new ArrayList<>(store.images()).forEach(store::unregister);
    }

    private void run(String... line) throws JpxeException {
        command.execute(context, command.syntax().parse(List.of(line)));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] zlib(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private Image register(String name, byte[] data) throws JpxeException, IOException {
        try (ImageWriter writer = store.create(name, SOURCE)) {
            writer.write(0, ByteBuffer.wrap(data));
            return writer.commit();
        }
    }

    private byte[] bytes(String name) throws IOException {
        Image image = store.find(name).orElseThrow(() -> new AssertionError("no image " + name));
        try (InputStream in = image.openStream()) {
            return in.readAllBytes();
        }
    }

    private List<String> names() {
        return store.images().stream().map(Image::name).toList();
    }

    @Test
    void gzipImageIsExtractedUnderItsNameWithoutGzAndTheSourceFreed() throws Exception {
        Image source = register("initrd.img.gz", gzip(TEXT));
        source.commandLine("rdinit=/bin/sh");

        run("imgextract", "initrd.img.gz");

        assertEquals(List.of("initrd.img"), names());
        assertArrayEquals(TEXT, bytes("initrd.img"));
        Image extracted = store.find("initrd.img").orElseThrow();
        assertEquals("rdinit=/bin/sh", extracted.commandLine());
        assertEquals(SOURCE, extracted.uri().orElseThrow());
    }

    @Test
    void zlibImageWithNameAndKeep() throws Exception {
        register("data.z", zlib(TEXT));

        run("imgextract", "--name", "plain", "--keep", "data.z");

        assertEquals(List.of("data.z", "plain"), names());
        assertArrayEquals(TEXT, bytes("plain"));
    }

    @Test
    void xzAndZstdImagesAreExtractedToo() throws Exception {
        register("vmlinuz.xz", xz(TEXT));
        register("initrd.zst", zstd(TEXT));

        run("imgextract", "vmlinuz.xz");
        run("imgextract", "--name", "initrd", "initrd.zst");

        assertEquals(List.of("vmlinuz", "initrd"), names());
        assertArrayEquals(TEXT, bytes("vmlinuz"));
        assertArrayEquals(TEXT, bytes("initrd"));
    }

    @Test
    void truncatedXzNamesTheImage() throws Exception {
        byte[] archive = xz(TEXT);
        register("k.xz", Arrays.copyOf(archive, archive.length - 8));

        JpxeException e = assertThrows(JpxeException.class, () -> run("imgextract", "k.xz"));

        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("xz archive \"k.xz\" is truncated (the compressed data ends early)", e.getMessage());
        assertEquals(List.of(), names());
    }

    // The encoders come with the decoders embedded in io.jpxe.image.archive.
    private static byte[] xz(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var xz = new org.tukaani.xz.XZOutputStream(out, new org.tukaani.xz.LZMA2Options(1))) {
            xz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] zstd(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var zstd = new io.airlift.compress.zstd.ZstdOutputStream(out)) {
            zstd.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void largeArchiveStreamsIntoAnImageWithTheSameDigest() throws Exception {
        // 6 MiB of half-compressible data: many inflater chunks, several gzip blocks
        byte[] data = new byte[6 << 20];
        Random random = new Random(42);
        for (int i = 0; i < data.length; i += 2) {
            data[i] = (byte) random.nextInt();
        }
        register("big.gz", gzip(data));

        run("imgextract", "-k", "big.gz");

        Image big = store.find("big").orElseThrow();
        assertEquals(data.length, big.size());
        assertEquals(HexFormat.of().formatHex(sha256(data)), big.sha256());
    }

    @Test
    void concatenatedGzipMembersAreOneStream() throws Exception {
        byte[] first = gzip("one ".getBytes());
        byte[] second = gzip("two".getBytes());
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        register("joined.gz", both);

        run("imgextract", "joined.gz");

        assertArrayEquals("one two".getBytes(), bytes("joined"));
    }

    @Test
    void uriIsDownloadedThenExtracted() throws Exception {
        MapOpener opener = new MapOpener();
        opener.files.put(SOURCE, gzip(TEXT));
        manager.bindOpener(opener, Map.of("jpxe.uri.scheme", "http"));

        run("imgextract", "-q", "-t", "5000", SOURCE.toString());

        assertEquals(List.of("initrd.img"), names()); // the download itself is freed
        assertArrayEquals(TEXT, bytes("initrd.img"));
    }

    @Test
    void truncatedArchiveRegistersNothing() throws Exception {
        byte[] archive = gzip(TEXT);
        register("cut.gz", Arrays.copyOf(archive, archive.length - 12));

        JpxeException e = assertThrows(JpxeException.class, () -> run("imgextract", "--keep", "cut.gz"));

        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals(List.of("cut.gz"), names());
    }

    @Test
    void corruptArchiveRegistersNothingAndStillFreesTheSourceAsIpxeDoes() throws Exception {
        byte[] archive = zlib(TEXT);
        archive[archive.length - 1] ^= 0x55; // Adler-32 mismatch
        register("bad.z", archive);

        JpxeException e = assertThrows(JpxeException.class, () -> run("imgextract", "bad.z"));

        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertEquals(List.of(), names());
    }

    @Test
    void corruptGzipHeaderIsReported() throws Exception {
        byte[] archive = gzip(TEXT);
        archive[2] = 7; // compression method other than deflate
        register("odd.gz", archive);

        JpxeException e = assertThrows(JpxeException.class, () -> run("imgextract", "-k", "odd.gz"));

        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(List.of("odd.gz"), names());
    }

    @Test
    void notAnArchiveIsNotSupported() throws Exception {
        register("plain.txt", TEXT);

        JpxeException e = assertThrows(JpxeException.class, () -> run("imgextract", "-k", "plain.txt"));

        assertEquals(Errno.ENOTSUP, e.errno());
        assertEquals(List.of("plain.txt"), names());
    }

    @Test
    void missingImageFailsAsTheAcquireDoes() {
        assertThrows(JpxeException.class, () -> run("imgextract", "nosuch.gz"));
        assertEquals(List.of(), names());
    }

    private static byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
