package io.jpxe.commands.archive.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The archive formats {@code imgextract} understands, recognised by their first bytes as iPXE's
 * {@code gzip_probe}/{@code zlib_probe} do: gzip (RFC 1952, magic {@code 1f 8b}, compression method 8)
 * and zlib (RFC 1950: method 8, window at most 32 KiB, header checksum a multiple of 31).
 */
enum ArchiveFormat {
    GZIP(".gz") {
        @Override
        InputStream decompress(InputStream archive) throws IOException {
            return new GZIPInputStream(archive, BUFFER);
        }
    },
    ZLIB(".z", ".zlib") {
        @Override
        InputStream decompress(InputStream archive) {
            // the one-argument constructor's own inflater is ended on close; the buffer makes its
            // small reads cheap
            return new InflaterInputStream(new BufferedInputStream(archive, BUFFER));
        }
    };

    /** Read and inflate in chunks of this size: the image never sits in one heap array. */
    static final int BUFFER = 64 * 1024;

    private final String[] suffixes;

    ArchiveFormat(String... suffixes) {
        this.suffixes = suffixes;
    }

    /**
     * A stream of the decompressed bytes of {@code archive}, which it takes over (closing it closes
     * both). Corrupt data surfaces as a {@link java.util.zip.ZipException}, truncated data as an
     * {@link java.io.EOFException}, while reading.
     */
    abstract InputStream decompress(InputStream archive) throws IOException;

    /** The format whose header starts {@code head} (at least two bytes), if any. */
    static Optional<ArchiveFormat> detect(byte[] head) {
        if (head.length < 2) {
            return Optional.empty();
        }
        int first = head[0] & 0xff;
        int second = head[1] & 0xff;
        if (first == 0x1f && second == 0x8b) {
            return Optional.of(GZIP);
        }
        boolean deflate = (first & 0x0f) == 8 && (first >> 4) <= 7;
        if (deflate && (first << 8 | second) % 31 == 0) {
            return Optional.of(ZLIB);
        }
        return Optional.empty();
    }

    /** The name used in messages: {@code gzip}, {@code zlib}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code name} without this format's suffix (case-insensitive); unchanged if it has none. */
    String stripSuffix(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : suffixes) {
            if (lower.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
