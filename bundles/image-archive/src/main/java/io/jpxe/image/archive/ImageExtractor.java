package io.jpxe.image.archive;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.jpxe.api.JpxeException;
import io.jpxe.api.image.Image;

/**
 * Decompresses an archive image into a new registered image, streaming (the bytes never sit in one
 * heap array), as iPXE's {@code image_extract} does: the new image has the archive's URI and command
 * line, and is trusted if the archive is.
 *
 * <p>Blocking; call from script threads. Thread-safe.
 */
@ProviderType
public interface ImageExtractor {

    /**
     * The archive format of {@code image}, recognised by its first bytes: {@code gzip}, {@code zlib},
     * {@code xz} or {@code zstd}; empty if it is none of them or cannot be read.
     */
    Optional<String> format(Image image);

    /**
     * Extracts {@code archive} into a new registered image.
     *
     * @param archive the compressed image; only read
     * @param name    the new image's name, or {@code null} for the archive's name without its last
     *                extension ({@code vmlinuz.xz} gives {@code vmlinuz}), as iPXE names it
     * @return the new image, registered
     * @throws JpxeException {@code ENOTSUP} if {@code archive} is not in a known format; {@code EINVAL}
     *                       if it is truncated or corrupt (naming the image); {@code EIO} if it cannot
     *                       be read. Nothing is registered when extraction fails.
     */
    Image extract(Image archive, String name) throws JpxeException;
}
