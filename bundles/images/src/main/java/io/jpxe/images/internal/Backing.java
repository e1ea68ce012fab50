package io.jpxe.images.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The off-heap storage of one image: a channel for positional reads and writes, the path through
 * which other processes can read the bytes, and what to do to release them (close the memfd, or
 * delete the temporary file). Thread-safe; {@link #release()} is idempotent.
 */
final class Backing {

    /** Frees what the channel alone does not: the memfd's own descriptor, or the file. */
    @FunctionalInterface
    interface Releaser {
        void release() throws IOException;
    }

    private final FileChannel channel;
    private final Path path;
    private final Releaser releaser;
    private final AtomicBoolean released = new AtomicBoolean();

    Backing(FileChannel channel, Path path, Releaser releaser) {
        this.channel = channel;
        this.path = path;
        this.releaser = releaser;
    }

    FileChannel channel() throws IOException {
        if (released.get()) {
            throw new IOException("the image's bytes were released");
        }
        return channel;
    }

    Path path() {
        return path;
    }

    boolean isReleased() {
        return released.get();
    }

    /** Closes the channel and frees the storage; later reads fail with an IOException. */
    void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more can be done about a failing close; the storage is released below
        }
        try {
            releaser.release();
        } catch (IOException ignored) {
            // a temporary file that cannot be deleted is left to the OS's temp cleaner
        }
    }
}
