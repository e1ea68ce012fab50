package io.jpxe.image.archive.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageWriter;
import io.jpxe.images.internal.ImageStoreImpl;

/** The decompressor for every format, against the real image store, with archives from real encoders. */
class ExtractorTest {
    private static final URI SOURCE = URI.create("http://boot.example/images/vmlinuz.xz");
    private static final byte[] TEXT = "#!ipxe\necho extracted\n".getBytes();

    private final ImageStoreImpl store = new ImageStoreImpl();
    private final Extractor extractor = new Extractor(() -> store);

    @AfterEach
    void release() {
        new ArrayList<>(store.images()).forEach(store::unregister);
    }

    private Image register(String name, byte[] data) throws Exception {
        try (ImageWriter writer = store.create(name, SOURCE)) {
            writer.write(0, ByteBuffer.wrap(data));
            return writer.commit();
        }
    }

    private static byte[] bytes(Image image) throws IOException {
        try (InputStream in = image.openStream()) {
            return in.readAllBytes();
        }
    }

    private List<String> names() {
        return store.images().stream().map(Image::name).toList();
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void everyFormatIsRecognisedAndExtractedWithTheArchivesUriAndCommandLine(ArchiveFormat format) throws Exception {
        Image archive = register("payload." + format.label(), Archives.compress(format, TEXT));
        archive.commandLine("console=ttyS0");

        assertEquals(Optional.of(format.label()), extractor.format(archive));
        Image extracted = extractor.extract(archive, null);

        assertEquals("payload", extracted.name());
        assertArrayEquals(TEXT, bytes(extracted));
        assertEquals("console=ttyS0", extracted.commandLine());
        assertEquals(SOURCE, extracted.uri().orElseThrow());
        assertEquals(List.of("payload." + format.label(), "payload"), names());
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void largeImagesStreamThroughWithTheSameDigest(ArchiveFormat format) throws Exception {
        byte[] data = Archives.data(3 << 20, 7);
        Image archive = register("big." + format.label(), Archives.compress(format, data));

        Image extracted = extractor.extract(archive, "big");

        assertEquals(data.length, extracted.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)), extracted.sha256());
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void truncatedArchiveFailsNamingItAndRegistersNothing(ArchiveFormat format) throws Exception {
        byte[] archive = Archives.compress(format, Archives.data(200_000, 3));
        register("cut." + format.label(), Arrays.copyOf(archive, archive.length / 2));

        JpxeException e = assertThrows(JpxeException.class,
                () -> extractor.extract(store.find("cut." + format.label()).orElseThrow(), null));

        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(format.label() + " archive \"cut." + format.label() + "\" is truncated (the compressed data ends early)",
                e.getMessage());
        assertEquals(List.of("cut." + format.label()), names());
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void corruptArchiveFailsNamingItAndRegistersNothing(ArchiveFormat format) throws Exception {
        byte[] archive = Archives.compress(format, Archives.data(200_000, 5));
        // flip bits in the middle of the compressed data, away from the headers
        for (int i = archive.length / 2; i < archive.length / 2 + 64; i++) {
            archive[i] ^= 0x5a;
        }
        Image image = register("bad." + format.label(), archive);

        JpxeException e = assertThrows(JpxeException.class, () -> extractor.extract(image, "out"));

        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().startsWith(format.label() + " archive \"bad." + format.label() + "\" is "),
                e.getMessage());
        assertEquals(List.of("bad." + format.label()), names());
    }

    @Test
    void notAnArchiveIsNotSupported() throws Exception {
        Image plain = register("plain.txt", TEXT);

        JpxeException e = assertThrows(JpxeException.class, () -> extractor.extract(plain, null));

        assertEquals(Errno.ENOTSUP, e.errno());
        assertTrue(e.getMessage().contains("\"plain.txt\""), e.getMessage());
        assertEquals(Optional.empty(), extractor.format(plain));
        assertEquals(List.of("plain.txt"), names());
    }

    @Test
    void trustIsPropagated() throws Exception {
        Image archive = register("signed.gz", Archives.compress(ArchiveFormat.GZIP, TEXT));
        archive.flag(Image.Flag.TRUSTED, true);

        assertTrue(extractor.extract(archive, null).flags().contains(Image.Flag.TRUSTED));
    }

    @Test
    void implicitNamesDropTheLastExtensionAsIpxeDoes() {
        assertEquals("vmlinuz", ArchiveFormat.implicitName("vmlinuz.xz"));
        assertEquals("initrd.img", ArchiveFormat.implicitName("initrd.img.gz"));
        assertEquals("kernel", ArchiveFormat.implicitName("kernel"));
        assertEquals(".gz", ArchiveFormat.implicitName(".gz"));
    }

    @Test
    void headersTellTheFormatsApart() throws IOException {
        for (ArchiveFormat format : ArchiveFormat.values()) {
            byte[] archive = Archives.compress(format, TEXT);
            assertEquals(format, ArchiveFormat.detect(Arrays.copyOf(archive, ArchiveFormat.HEAD)).orElseThrow());
        }
        assertTrue(ArchiveFormat.detect(TEXT).isEmpty());
        assertTrue(ArchiveFormat.detect(new byte[] {0x1f}).isEmpty());
        assertTrue(ArchiveFormat.detect("\u007fELF\2\1".getBytes()).isEmpty());
        assertTrue(ArchiveFormat.detect("MZ\0\0\0\0".getBytes()).isEmpty());
    }
}
