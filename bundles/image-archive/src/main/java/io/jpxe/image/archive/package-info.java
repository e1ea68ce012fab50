/**
 * Extraction of compressed images (iPXE's {@code image_extract}): the one place where jPXE
 * decompresses gzip, zlib, xz and zstd images, used by the archive image types of this bundle and by
 * the {@code imgextract} command.
 */
@Export
@Version("1.0.0")
package io.jpxe.image.archive;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
