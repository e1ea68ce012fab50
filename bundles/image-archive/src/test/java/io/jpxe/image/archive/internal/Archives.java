package io.jpxe.image.archive.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import io.airlift.compress.zstd.ZstdOutputStream;

/** Compresses test data in each format with a real encoder (java.util.zip, XZ for Java, aircompressor). */
final class Archives {
    private Archives() {
    }

    static byte[] compress(ArchiveFormat format, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encoder = switch (format) {
            case GZIP -> new GZIPOutputStream(out);
            case ZLIB -> new DeflaterOutputStream(out);
            case XZ -> new XZOutputStream(out, new LZMA2Options(1));
            case ZSTD -> new ZstdOutputStream(out);
        }) {
            encoder.write(data);
        }
        return out.toByteArray();
    }

    /** Half random, half zero bytes: compressible, but not to nothing. */
    static byte[] data(int size, long seed) {
        byte[] data = new byte[size];
        Random random = new Random(seed);
        for (int i = 0; i < size; i += 2) {
            data[i] = (byte) random.nextInt();
        }
        return data;
    }
}
