package io.jpxe.boot.linux.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls behind read-only memory files, through FFM with {@code errno} captured:
 * {@code memfd_create}, {@code open} and {@code close}. The handles are made on first use.
 *
 * <p>Thread-safe (immutable handles).
 */
public final class MemoryFileCalls {
    private static final int MFD_CLOEXEC = 0x0001;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    /** memfd names are limited to 249 bytes; the name only helps reading /proc/PID/fd. */
    private static final int MAX_LABEL = 64;

    private static final class Native {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
        static final StructLayout STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO_VALUE = STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement
                .groupElement("errno"));

        static final MethodHandle MEMFD_CREATE = handle("memfd_create",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        static final MethodHandle OPEN = handle("open",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        static final MethodHandle CLOSE = handle("close",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

        private Native() {
        }

        private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, ERRNO);
        }
    }

    /** Whether memory files can be made here (Linux with glibc's memfd_create, native access allowed). */
    public boolean available() {
        try {
            return Native.MEMFD_CREATE != null;
        } catch (RuntimeException | LinkageError e) {
            return false; // no native linker, no such symbol, or native access denied
        }
    }

    /** A new anonymous memory file ({@code memfd_create(2)}, close-on-exec); returns its descriptor. */
    public int memfdCreate(String label) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Native.STATE);
            int fd = (int) Native.MEMFD_CREATE.invokeExact(state, arena.allocateFrom("jpxe:" + sanitize(label)),
                    MFD_CLOEXEC);
            return checked("memfd_create", fd, state);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("memfd_create", t);
        }
    }

    /** Opens {@code path} read-only (close-on-exec); returns the descriptor. */
    public int openReadOnly(String path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Native.STATE);
            int fd = (int) Native.OPEN.invokeExact(state, arena.allocateFrom(path), O_RDONLY | O_CLOEXEC);
            return checked("open(" + path + ")", fd, state);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("open", t);
        }
    }

    /** Closes {@code fd}; best effort (the descriptor is gone either way). */
    public void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Native.STATE);
            int ignored = (int) Native.CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            // nothing more can be done about a failing close
        }
    }

    private static int checked(String call, int result, MemorySegment state) throws IOException {
        if (result < 0) {
            int errno = (int) Native.ERRNO_VALUE.get(state, 0L);
            throw new IOException(call + " failed: errno " + errno);
        }
        return result;
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
