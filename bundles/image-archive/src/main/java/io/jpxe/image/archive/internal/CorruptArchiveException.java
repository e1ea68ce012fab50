package io.jpxe.image.archive.internal;

import java.io.IOException;

/** Compressed data that does not decode (a decoder's own exception, wrapped so all formats look alike). */
final class CorruptArchiveException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
