package io.jpxe.image.archive.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.tukaani.xz.XZInputStream;

import io.airlift.compress.zstd.ZstdInputStream;

/**
 * The compressed formats jPXE extracts, recognised by their first bytes: gzip (RFC 1952, {@code 1f 8b},
 * as iPXE's {@code gzip_probe}), zlib (RFC 1950: method 8, window at most 32 KiB, header checksum a
 * multiple of 31, as iPXE's {@code zlib_probe}), xz ({@code FD 37 7A 58 5A 00}, the .xz container)
 * and zstd (RFC 8878 frame magic {@code 28 B5 2F FD}).
 *
 * <p>Each decompressor reads and inflates in chunks: the image never sits in one heap array.
 * Truncated input surfaces as an {@link java.io.EOFException}; corrupt input as a
 * {@link java.util.zip.ZipException}, an {@link org.tukaani.xz.XZIOException} or a
 * {@link CorruptArchiveException}, while reading.
 */
enum ArchiveFormat {
    GZIP {
        @Override
        boolean matches(byte[] head) {
            return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        }

        @Override
        InputStream decompress(InputStream archive) throws IOException {
            return new GZIPInputStream(archive, BUFFER);
        }
    },
    ZLIB {
        @Override
        boolean matches(byte[] head) {
            if (head.length < 2) {
                return false;
            }
            int method = head[0] & 0xff;
            boolean deflate = (method & 0x0f) == 8 && (method >> 4) <= 7;
            return deflate && (method << 8 | head[1] & 0xff) % 31 == 0;
        }

        @Override
        InputStream decompress(InputStream archive) {
            // the one-argument constructor's own inflater is ended on close; the buffer makes its
            // small reads cheap
            return new InflaterInputStream(new BufferedInputStream(archive, BUFFER));
        }
    },
    XZ {
        private static final byte[] MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

        @Override
        boolean matches(byte[] head) {
            return head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
        }

        @Override
        InputStream decompress(InputStream archive) throws IOException {
            return new XZInputStream(new BufferedInputStream(archive, BUFFER), XZ_MEMORY_LIMIT_KIB);
        }
    },
    ZSTD {
        @Override
        boolean matches(byte[] head) {
            return head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5
                    && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd;
        }

        @Override
        InputStream decompress(InputStream archive) throws IOException {
            return new ZstdStream(new ZstdInputStream(new BufferedInputStream(archive, BUFFER)));
        }
    };

    /** Read and inflate in chunks of this size. */
    static final int BUFFER = 64 * 1024;
    /** How many leading bytes {@link #detect} looks at. */
    static final int HEAD = 6;
    /**
     * xz streams need their dictionary in memory (64 MiB at {@code xz -9}); refuse more than twice
     * that with a clear error rather than exhaust the heap.
     */
    static final int XZ_MEMORY_LIMIT_KIB = 128 * 1024;

    /** Whether {@code head} (the first up to {@link #HEAD} bytes) starts with this format's header. */
    abstract boolean matches(byte[] head);

    /**
     * A stream of the decompressed bytes of {@code archive}, which it takes over (closing it closes
     * both).
     */
    abstract InputStream decompress(InputStream archive) throws IOException;

    /** The format whose header starts {@code head}, if any. */
    static Optional<ArchiveFormat> detect(byte[] head) {
        return Arrays.stream(values()).filter(format -> format.matches(head)).findFirst();
    }

    /** The format's name as shown by {@code imgstat} and in messages: {@code gzip}, {@code xz}... */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * iPXE's implicit name for the extracted image: the archive's name without its last extension
     * ({@code vmlinuz.xz} gives {@code vmlinuz}, {@code initrd.img.gz} gives {@code initrd.img});
     * a name without one, or that is only an extension, stays as it is.
     */
    static String implicitName(String archiveName) {
        int dot = archiveName.lastIndexOf('.');
        return dot > 0 ? archiveName.substring(0, dot) : archiveName;
    }
}
