package io.jpxe.boot.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

import io.jpxe.api.image.Image;
import io.jpxe.boot.linux.internal.MemoryFileCalls;

/**
 * Bytes to hand to the kernel or to another process: a memory file ({@code memfd_create}) that,
 * once written, is held open <em>read-only</em> only, reachable through {@link #path()}
 * ({@code /proc/PID/fd/N}). Where memory files are not available (or {@code /proc} is not mounted)
 * it is a temporary file, deleted on {@link #close()}.
 *
 * <p>Why read-only matters: {@code kexec_file_load} (like {@code execve}) refuses a file that is
 * open for writing anywhere ({@code ETXTBSY}), and the image store keeps its memory files writable.
 * The bytes never pass through the Java heap in one piece: they are streamed in.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class HandoverFile implements AutoCloseable {
    /** Writes the file's contents; the channel is positioned at 0 and closed afterwards by the caller. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** The buffer through which image bytes are copied (off the heap). */
    static final int COPY_BUFFER = 1 << 20;

    private final Path path;
    private final long size;
    private final boolean inMemory;
    private final Release release;
    private final AtomicBoolean closed = new AtomicBoolean();

    @FunctionalInterface
    private interface Release {
        void run() throws IOException;
    }

    private HandoverFile(Path path, long size, boolean inMemory, Release release) {
        this.path = path;
        this.size = size;
        this.inMemory = inMemory;
        this.release = release;
    }

    /**
     * A new file holding what {@code content} writes.
     *
     * @param label a name for diagnostics ({@code /proc/PID/fd} shows {@code memfd:jpxe:<label>})
     * @throws IOException if the content cannot be written or no file can be made
     */
    public static HandoverFile create(String label, Content content) throws IOException {
        MemoryFileCalls calls = new MemoryFileCalls();
        if (!calls.available()) {
            return inTemporaryFile(label, content);
        }
        try {
            return inMemory(calls, label, content);
        } catch (MemoryFileUnavailable unreachable) {
            // e.g. no /proc mounted to reach the memory file through: a temporary file still works
            try {
                return inTemporaryFile(label, content);
            } catch (IOException | RuntimeException e) {
                unreachable.addSuppressed(e);
                throw unreachable;
            }
        }
    }

    /** A read-only copy of {@code image}'s bytes. */
    public static HandoverFile copyOf(Image image) throws IOException {
        return create(image.name(), channel -> copy(image, channel));
    }

    /**
     * Appends all of {@code image}'s bytes to {@code channel} through an off-heap buffer.
     *
     * @return the number of bytes copied (the image's size)
     * @throws IOException if the image ends before its size, or on a read or write error
     */
    public static long copy(Image image, FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.min(COPY_BUFFER, Math.max(1, image.size())));
        long position = 0;
        while (position < image.size()) {
            buffer.clear();
            int n = image.read(position, buffer);
            if (n <= 0) {
                throw new IOException(image.name() + ": image ended after " + position + " of " + image.size()
                        + " bytes");
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            position += n;
        }
        return position;
    }

    private static HandoverFile inMemory(MemoryFileCalls calls, String label, Content content) throws IOException {
        int memfd;
        try {
            memfd = calls.memfdCreate(label);
        } catch (IOException e) {
            throw new MemoryFileUnavailable("memfd_create", e); // e.g. a seccomp filter
        }
        int readOnly = -1;
        try {
            Path self = Path.of("/proc/self/fd/" + memfd);
            FileChannel writable = null;
            try {
                writable = FileChannel.open(self, StandardOpenOption.WRITE);
                readOnly = calls.openReadOnly(self.toString());
            } catch (IOException e) {
                if (writable != null) {
                    writable.close();
                }
                throw new MemoryFileUnavailable("reopening it through " + self, e);
            }
            long size;
            try (FileChannel channel = writable) {
                content.writeTo(channel);
                size = channel.size();
            }
            int fd = readOnly;
            Path shared = Path.of("/proc/" + ProcessHandle.current().pid() + "/fd/" + fd);
            return new HandoverFile(shared, size, true, () -> calls.close(fd));
        } catch (IOException | RuntimeException e) {
            if (readOnly >= 0) {
                calls.close(readOnly);
            }
            throw e;
        } finally {
            calls.close(memfd); // the writable descriptor: only the read-only one stays
        }
    }

    static HandoverFile inTemporaryFile(String label, Content content) throws IOException {
        Path file = Files.createTempFile("jpxe-" + label.replaceAll("[^A-Za-z0-9._-]", "_") + "-", ".img");
        try {
            long size;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                size = channel.size();
            }
            return new HandoverFile(file, size, false, () -> Files.deleteIfExists(file));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** No memory file can be made or reached by path (a seccomp filter, no {@code /proc}). */
    private static final class MemoryFileUnavailable extends IOException {
        private static final long serialVersionUID = 1L;

        MemoryFileUnavailable(String step, IOException cause) {
            super("no memory file (" + step + "): " + cause.getMessage(), cause);
        }
    }

    /** Where the kernel or another process can open the bytes (read-only), valid until {@link #close()}. */
    public Path path() {
        return path;
    }

    /** The number of bytes. */
    public long size() {
        return size;
    }

    /** Whether the bytes live in a memory file (else in a temporary file). */
    public boolean inMemory() {
        return inMemory;
    }

    /** Releases the bytes (closes the memory file, or deletes the temporary file). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                release.run();
            } catch (IOException e) {
                // a temporary file that cannot be deleted is left to the system's temp cleaner
            }
        }
    }

    @Override
    public String toString() {
        return "HandoverFile[" + path + ", " + size + " bytes]";
    }
}
