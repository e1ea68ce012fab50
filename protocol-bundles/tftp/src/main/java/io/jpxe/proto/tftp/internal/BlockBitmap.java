package io.jpxe.proto.tftp.internal;

import java.util.BitSet;

/**
 * Which blocks of a file have arrived, when they may arrive in any order and more than once
 * (RFC 2090 multicast, PXE MTFTP): iPXE's block bitmap. Blocks are counted from 0 here, while the
 * wire numbers them from 1 and wraps at 65536; {@link #index} maps a wire number to the block it
 * most likely means, the one just after the first gap's 64 Ki window start, as iPXE does.
 *
 * <p>The file's block count becomes known from {@code tsize} or from the first block shorter than
 * the block size. Not thread-safe: one per transfer, used on its event loop.
 */
final class BlockBitmap {

    private final BitSet received = new BitSet();
    private long blockCount = -1;
    private long size = -1;

    /** The first block not received yet (0-based); equals the block count once complete. */
    long firstGap() {
        return received.nextClearBit(0);
    }

    /**
     * The 0-based block that wire number {@code wireBlock} (1..65535, 0 after a wrap) stands for:
     * in the 64 Ki-block window that holds the block after the first gap.
     */
    long index(int wireBlock) {
        long windowBase = (firstGap() + 1) & ~0xFFFFL;
        long index = windowBase + (wireBlock & 0xFFFF) - 1;
        return index < 0 ? index + 0x10000 : index;
    }

    /** Sets the file size (tsize): {@code size / blksize + 1} blocks, the last one possibly empty. */
    void expectSize(long size, int blksize) {
        this.size = size;
        this.blockCount = size / blksize + 1;
    }

    /**
     * Records block {@code index} of {@code length} bytes.
     *
     * @return {@code true} if it is new (store it), {@code false} for a duplicate or a block past the end
     */
    boolean receive(long index, int length, int blksize) {
        if (index < 0 || index > Integer.MAX_VALUE - 1 || (blockCount >= 0 && index >= blockCount)) {
            return false;
        }
        if (length < blksize) {
            blockCount = index + 1;
            size = index * blksize + length;
        }
        if (received.get((int) index)) {
            return false;
        }
        received.set((int) index);
        return true;
    }

    /** The file size once known, else -1. */
    long size() {
        return size;
    }

    /** Every block up to the known end has arrived. */
    boolean complete() {
        return blockCount >= 0 && firstGap() >= blockCount;
    }

    /** Forgets everything (the block size may change: PXE MTFTP falling back to TFTP). */
    void clear() {
        received.clear();
        blockCount = -1;
        size = -1;
    }
}
