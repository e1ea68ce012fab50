package io.jpxe.images.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Creates the backing storage of images: an anonymous memory file ({@code memfd_create(2)}, called
 * through the FFM API, no JNI) where Linux offers it, otherwise a temporary file that is deleted
 * when the image is released. Either way the bytes are off the Java heap and readable by other
 * processes through {@link Backing#path()} ({@code /proc/<pid>/fd/<n>} for a memfd), which is what
 * kexec and QEMU executors need.
 *
 * <p>Thread-safe: the method handles are immutable.
 */
final class MemoryFiles {
    private static final int MFD_CLOEXEC = 0x0001;
    /** memfd names are limited to 249 bytes; the name only helps reading /proc/<pid>/fd. */
    private static final int MAX_LABEL = 64;

    private final MethodHandle memfdCreate;
    private final MethodHandle close;

    /**
     * @param tryMemfd whether to use memfd at all ({@code false} forces temporary files, for tests)
     */
    MemoryFiles(boolean tryMemfd) {
        MethodHandle create = null;
        MethodHandle closeFd = null;
        if (tryMemfd) {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                var createSymbol = libc.find("memfd_create");
                var closeSymbol = libc.find("close");
                if (createSymbol.isPresent() && closeSymbol.isPresent()) {
                    create = linker.downcallHandle(createSymbol.get(),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
                    closeFd = linker.downcallHandle(closeSymbol.get(),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                }
            } catch (RuntimeException | LinkageError e) {
                // no native linker, or native access denied (--illegal-native-access=deny): use files
                create = null;
                closeFd = null;
            }
        }
        this.memfdCreate = create;
        this.close = closeFd;
    }

    /** Whether images are stored in memfds (else in temporary files). */
    boolean usesMemfd() {
        return memfdCreate != null;
    }

    /**
     * New empty storage.
     *
     * @param label a name for diagnostics (shown in {@code /proc/<pid>/fd} as {@code memfd:jpxe:<label>})
     * @throws IOException if neither a memfd nor a temporary file can be created
     */
    Backing create(String label) throws IOException {
        if (memfdCreate != null) {
            int fd = memfd(label);
            if (fd >= 0) {
                return openMemfd(fd);
            }
        }
        return createTempFile();
    }

    private int memfd(String label) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom("jpxe:" + sanitize(label));
            return (int) memfdCreate.invokeExact(name, MFD_CLOEXEC);
        } catch (Throwable e) {
            return -1; // e.g. a seccomp filter or an old kernel: fall back to a file
        }
    }

    private Backing openMemfd(int fd) throws IOException {
        try {
            // /proc/self/fd/<n> reopens the memfd as a regular file, so Java's FileChannel can use it.
            FileChannel channel = FileChannel.open(Path.of("/proc/self/fd/" + fd),
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            Path shared = Path.of("/proc/" + ProcessHandle.current().pid() + "/fd/" + fd);
            return new Backing(channel, shared, () -> closeFd(fd));
        } catch (IOException | RuntimeException e) {
            closeFd(fd);
            return createTempFile();
        }
    }

    private void closeFd(int fd) throws IOException {
        int result;
        try {
            result = (int) close.invokeExact(fd);
        } catch (Throwable e) {
            throw new IOException("close(" + fd + ") failed", e);
        }
        if (result != 0) {
            throw new IOException("close(" + fd + ") failed");
        }
    }

    private static Backing createTempFile() throws IOException {
        Path file = Files.createTempFile("jpxe-image-", ".img");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new Backing(channel, file, () -> Files.deleteIfExists(file));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static String sanitize(String label) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < label.length() && out.length() < MAX_LABEL; i++) {
            char c = label.charAt(i);
            out.append(c > 0x20 && c < 0x7f && c != '/' ? c : '_');
        }
        return out.toString();
    }
}
