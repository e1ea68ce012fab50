package io.jpxe.api.san;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An attached remote block device. Thread-safe; reads may block.
 */
public interface SanDevice extends AutoCloseable {

    /** Block size in bytes. */
    int blockSize();

    /** Capacity in blocks. */
    long capacity();

    /** Reads {@code count} blocks from {@code lba} into {@code dst} (which must have room). */
    void read(long lba, int count, ByteBuffer dst) throws IOException;

    /** Detaches the device. */
    @Override
    void close() throws IOException;
}
