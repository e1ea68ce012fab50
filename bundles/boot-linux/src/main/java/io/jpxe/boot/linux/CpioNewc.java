package io.jpxe.boot.linux;

import java.nio.charset.StandardCharsets;

/**
 * Headers of the cpio "newc" format (magic {@code 070701}), the only archive format the Linux
 * kernel unpacks into its initramfs: 13 eight-digit hexadecimal fields after the magic, the name
 * with its NUL, zero padding to a multiple of 4. Written as iPXE's {@code core/cpio.c} writes
 * them: inode, owner, time and device numbers zero, one link.
 *
 * <p>Stateless; thread-safe.
 */
public final class CpioNewc {
    /** The file-type bits of a regular file ({@code S_IFREG}). */
    public static final int MODE_FILE = 0100000;
    /** The file-type bits of a directory ({@code S_IFDIR}). */
    public static final int MODE_DIR = 0040000;
    /** The length of the fixed part of a header. */
    public static final int HEADER_LENGTH = 110;
    /** Headers, names and file data start at multiples of this. */
    public static final int ALIGN = 4;
    /** The name of the entry that ends an archive. */
    public static final String TRAILER = "TRAILER!!!";

    private CpioNewc() {
    }

    /**
     * One entry's header: the fixed part, {@code name} and its NUL, padded to {@link #ALIGN}.
     *
     * @param name     the path inside the initramfs (UTF-8; no NUL)
     * @param mode     type and permission bits, e.g. {@code MODE_FILE | 0644}
     * @param fileSize the length of the data that follows the header (0 for a directory)
     */
    public static byte[] header(String name, int mode, long fileSize) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a cpio name cannot contain NUL: " + name);
        }
        if (fileSize < 0 || fileSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + ": a cpio newc entry holds at most 4 GiB - 1 bytes, not "
                    + fileSize);
        }
        int unpadded = HEADER_LENGTH + nameBytes.length + 1;
        byte[] header = new byte[unpadded + padding(unpadded)];
        StringBuilder fields = new StringBuilder(HEADER_LENGTH).append("070701");
        long[] values = {0, mode & 0xFFFF_FFFFL, 0, 0, 1, 0, fileSize, 0, 0, 0, 0, nameBytes.length + 1, 0};
        for (long value : values) {
            fields.append(String.format("%08x", value));
        }
        byte[] fixed = fields.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(fixed, 0, header, 0, HEADER_LENGTH);
        System.arraycopy(nameBytes, 0, header, HEADER_LENGTH, nameBytes.length);
        return header; // the name's NUL and the padding are the array's zeros
    }

    /** The entry that ends an archive. */
    public static byte[] trailer() {
        return header(TRAILER, 0, 0);
    }

    /** How many zero bytes bring {@code length} to a multiple of {@link #ALIGN}. */
    public static int padding(long length) {
        return (int) (-length & (ALIGN - 1));
    }
}
