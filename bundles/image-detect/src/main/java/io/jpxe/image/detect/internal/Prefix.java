package io.jpxe.image.detect.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.jpxe.api.image.Image;

/** Reads the first bytes of an image, which is all the detection types look at. */
final class Prefix {
    private Prefix() {
    }

    /**
     * Up to {@code length} bytes from the start of {@code image} (fewer if it is shorter), little-endian,
     * position 0, limit at the bytes read.
     */
    static ByteBuffer read(Image image, int length) throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate((int) Math.min(image.size(), length)).order(ByteOrder.LITTLE_ENDIAN);
        while (prefix.hasRemaining() && image.read(prefix.position(), prefix) > 0) {
            // read() may return fewer bytes than asked
        }
        return prefix.flip();
    }

    /** The unsigned 16-bit value at {@code offset}, or -1 past the end. */
    static int u16(ByteBuffer bytes, long offset) {
        return offset >= 0 && offset + 2 <= bytes.limit() ? bytes.getShort((int) offset) & 0xffff : -1;
    }

    /** The unsigned 32-bit value at {@code offset}, or -1 past the end. */
    static long u32(ByteBuffer bytes, long offset) {
        return offset >= 0 && offset + 4 <= bytes.limit() ? bytes.getInt((int) offset) & 0xffffffffL : -1;
    }

    /** Whether the ASCII {@code text} is at {@code offset}. */
    static boolean hasText(ByteBuffer bytes, int offset, String text) {
        if (offset < 0 || offset + text.length() > bytes.limit()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes.get(offset + i) != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
