package io.jpxe.image.archive.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.ZipException;

import org.tukaani.xz.MemoryLimitException;
import org.tukaani.xz.XZIOException;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageStore;
import io.jpxe.api.image.ImageWriter;
import io.jpxe.image.archive.ImageExtractor;

/**
 * The one place where images are decompressed (iPXE's {@code image_extract}): the bytes stream from
 * the archive through the format's decoder into a new image's writer in 64 KiB chunks; the writer is
 * committed only when the whole stream decoded, so a truncated or corrupt archive registers nothing.
 *
 * <p>Thread-safe (stateless apart from the store).
 */
final class Extractor implements ImageExtractor {
    private final Supplier<ImageStore> store;

    /** @param store the store new images are written to, looked up when an image is extracted */
    Extractor(Supplier<ImageStore> store) {
        this.store = store;
    }

    @Override
    public Optional<String> format(Image image) {
        return detect(image).map(ArchiveFormat::label);
    }

    /** The archive format of {@code image}; empty if none, or if it cannot be read. */
    static Optional<ArchiveFormat> detect(Image image) {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(image.size(), ArchiveFormat.HEAD));
        try {
            while (head.hasRemaining() && image.read(head.position(), head) > 0) {
                // read() may return fewer bytes than asked
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return ArchiveFormat.detect(java.util.Arrays.copyOf(head.array(), head.position()));
    }

    @Override
    public Image extract(Image archive, String name) throws JpxeException {
        ArchiveFormat format = detect(archive).orElseThrow(() -> new JpxeException(Errno.ENOTSUP,
                "image \"" + archive.name() + "\" is not an archive (neither gzip, zlib, xz nor zstd)"));
        String target = name != null ? name : ArchiveFormat.implicitName(archive.name());
        String what = format.label() + " archive \"" + archive.name() + "\"";
        try (ImageWriter writer = store.get().create(target, archive.uri().orElse(null));
                InputStream in = format.decompress(archive.openStream())) {
            byte[] chunk = new byte[ArchiveFormat.BUFFER];
            long position = 0;
            for (int n; (n = in.read(chunk)) >= 0; position += n) {
                writer.write(position, ByteBuffer.wrap(chunk, 0, n));
            }
            Image extracted = writer.commit();
            extracted.commandLine(archive.commandLine());
            if (archive.flags().contains(Image.Flag.TRUSTED)) {
                extracted.flag(Image.Flag.TRUSTED, true); // iPXE propagates trust to what it extracts
            }
            return extracted;
        } catch (EOFException e) {
            throw new JpxeException(Errno.EINVAL, what + " is truncated (the compressed data ends early)", e);
        } catch (MemoryLimitException e) {
            throw new JpxeException(Errno.ENOMEM, what + " needs " + e.getMemoryNeeded() / 1024
                    + " MiB to decompress, more than the " + e.getMemoryLimit() / 1024 + " MiB allowed", e);
        } catch (ZipException | XZIOException | CorruptArchiveException e) {
            throw new JpxeException(Errno.EINVAL, what + " is corrupt (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "cannot extract " + what + " (" + e.getMessage() + ")", e);
        }
    }
}
