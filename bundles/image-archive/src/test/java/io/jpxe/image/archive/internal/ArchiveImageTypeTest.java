package io.jpxe.image.archive.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageType;
import io.jpxe.api.image.ImageWriter;
import io.jpxe.images.internal.ImageManagerImpl;
import io.jpxe.images.internal.ImageStoreImpl;
import io.jpxe.testkit.RecordingContext;

/**
 * The four archive image types in the real store and manager: probing gives each compressed image
 * its format's type, and executing one runs what is inside (iPXE's image_extract_exec).
 */
class ArchiveImageTypeTest {
    private static final URI SOURCE = URI.create("http://boot.example/vmlinuz.xz");

    private final ImageStoreImpl store = new ImageStoreImpl();
    private final ImageManagerImpl manager = new ImageManagerImpl(store, "plan");
    private final Payload payload = new Payload();
    private final RecordingContext context = new RecordingContext();

    /** Stands for a kernel type: recognises images starting with "KERNEL" and records each run. */
    static final class Payload implements ImageType {
        final List<String> runs = new ArrayList<>();
        List<String> registeredDuringRun = List.of();
        ImageStoreImpl store;

        @Override
        public String name() {
            return "payload";
        }

        @Override
        public boolean probe(Image image) throws IOException {
            try (InputStream in = image.openStream()) {
                return Arrays.equals(in.readNBytes(6), "KERNEL".getBytes(StandardCharsets.US_ASCII));
            }
        }

        @Override
        public void execute(Image image, CommandContext context) {
            runs.add(image.name() + " \"" + image.commandLine() + "\" " + image.flags().contains(Image.Flag.AUTOFREE));
            registeredDuringRun = store.images().stream().map(Image::name).toList();
        }
    }

    @BeforeEach
    void types() {
        payload.store = store;
        bind(payload, "payload", 0);
        bind(new GzipImageType(() -> store, () -> manager), "gzip", 0);
        bind(new ZlibImageType(() -> store, () -> manager), "zlib", -10);
        bind(new XzImageType(() -> store, () -> manager), "xz", 0);
        bind(new ZstdImageType(() -> store, () -> manager), "zstd", 0);
    }

    private void bind(ImageType type, String name, int ranking) {
        Map<String, Object> properties = Map.of("jpxe.image.type", name, "service.ranking", ranking,
                "service.id", (long) store.images().size() + name.hashCode());
        store.bindType(type, properties);
        manager.bindType(type, properties);
    }

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

    @Test
    void eachFormatGetsItsTypeAndRunsWhatIsInside() throws Exception {
        byte[] kernel = "KERNEL and the rest".getBytes(StandardCharsets.US_ASCII);
        for (ArchiveFormat format : ArchiveFormat.values()) {
            Image archive = register("vmlinuz." + format.label(), Archives.compress(format, kernel));
            archive.commandLine("quiet");
            assertEquals(Optional.of(format.label()), archive.type());

            manager.execute(archive, context);

            assertEquals("vmlinuz \"quiet\" true", payload.runs.getLast());
            // the archive is unregistered while what it holds runs, and the extracted image freed after
            assertEquals(List.of(), payload.registeredDuringRun);
            assertEquals(List.of("vmlinuz." + format.label()), store.images().stream().map(Image::name).toList());
            store.unregister(archive);
        }
        assertEquals(4, payload.runs.size());
    }

    @Test
    void corruptArchiveFailsNamingItAndRunsNothing() throws Exception {
        byte[] archive = Archives.compress(ArchiveFormat.XZ, Archives.data(100_000, 1));
        Image image = register("vmlinuz.xz", Arrays.copyOf(archive, archive.length - 100));

        JpxeException e = assertThrows(JpxeException.class, () -> manager.execute(image, context));

        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("xz archive \"vmlinuz.xz\" is truncated"), e.getMessage());
        assertEquals(List.of(), payload.runs);
        assertEquals(List.of("vmlinuz.xz"), store.images().stream().map(Image::name).toList());
    }

    @Test
    void anArchiveOfSomethingUnknownSaysSo() throws Exception {
        Image image = register("blob.gz", Archives.compress(ArchiveFormat.GZIP, "no kernel here".getBytes()));

        JpxeException e = assertThrows(JpxeException.class, () -> manager.execute(image, context));

        assertEquals(Errno.ENOEXEC, e.errno());
        assertTrue(e.getMessage().startsWith("blob: "), e.getMessage());
        assertEquals(List.of("blob.gz"), store.images().stream().map(Image::name).toList());
    }
}
