package io.jpxe.image.archive.internal;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.airlift.compress.MalformedInputException;

/**
 * aircompressor's zstd stream with its failures made to look like the other decoders': corrupt
 * frames throw the unchecked {@link MalformedInputException}, which becomes a
 * {@link CorruptArchiveException}, and a frame cut short a plain {@link IOException}, which becomes an
 * {@link EOFException}.
 */
final class ZstdStream extends FilterInputStream {
    /** The message aircompressor's ZstdInputStream uses when the input ends inside a frame. */
    private static final String TRUNCATED = "Not enough input bytes";

    ZstdStream(InputStream zstd) {
        super(zstd);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (MalformedInputException e) {
            throw new CorruptArchiveException(e.getMessage(), e);
        } catch (EOFException e) {
            throw e;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (MalformedInputException e) {
            throw new CorruptArchiveException(e.getMessage(), e);
        } catch (EOFException e) {
            throw e;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    private static IOException translate(IOException e) {
        if (TRUNCATED.equals(e.getMessage())) {
            EOFException eof = new EOFException(e.getMessage());
            eof.initCause(e);
            return eof;
        }
        return e;
    }
}
