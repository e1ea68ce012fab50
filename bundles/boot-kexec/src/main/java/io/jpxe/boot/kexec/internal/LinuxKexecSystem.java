package io.jpxe.boot.kexec.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * The kexec system calls through FFM, {@code errno} captured: glibc's {@code open}, {@code close},
 * {@code sync} and {@code reboot}, and {@code kexec_file_load} through the variadic {@code syscall}
 * (glibc has no wrapper for it). The handles are made on first use. x86-64 only (the syscall number).
 *
 * <p>Thread-safe (immutable handles).
 */
final class LinuxKexecSystem implements KexecSystem {
    /** x86-64 {@code __NR_kexec_file_load}. */
    static final long SYS_KEXEC_FILE_LOAD = 320;
    /** {@code LINUX_REBOOT_CMD_KEXEC}; glibc's {@code reboot()} adds the two magic numbers. */
    static final int LINUX_REBOOT_CMD_KEXEC = 0x45584543;
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    private static final class Native {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
        static final StructLayout STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO_VALUE = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

        static final MethodHandle OPEN = handle("open",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        static final MethodHandle SYNC = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("sync"),
                FunctionDescriptor.ofVoid());
        static final MethodHandle REBOOT = handle("reboot",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        // long syscall(long number, ...): everything after the number is variadic
        static final MethodHandle SYSCALL5 = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("syscall"),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                ERRNO, Linker.Option.firstVariadicArg(1));

        private Native() {
        }

        private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, ERRNO);
        }
    }

    @Override
    public int openReadOnly(Path path) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Native.STATE);
            int fd = (int) Native.OPEN.invokeExact(state, arena.allocateFrom(path.toString()), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                throw new ErrnoException("open(" + path + ")", errno(state));
            }
            return fd;
        } catch (ErrnoException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("open", t);
        }
    }

    @Override
    public void close(int fd) {
        if (fd < 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) Native.CLOSE.invokeExact(arena.allocate(Native.STATE), fd);
        } catch (Throwable t) {
            // the descriptor is gone either way
        }
    }

    @Override
    public void kexecFileLoad(int kernelFd, int initrdFd, byte[] commandLine, long flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cmdline = commandLine.length == 0 ? MemorySegment.NULL
                    : arena.allocateFrom(ValueLayout.JAVA_BYTE, commandLine);
            long rc = syscall(arena, SYS_KEXEC_FILE_LOAD, kernelFd, initrdFd, commandLine.length, cmdline, flags);
            if (rc < 0) {
                throw new ErrnoException("kexec_file_load", (int) -rc);
            }
        }
    }

    /**
     * {@code syscall(number, a, b, c, d, e)} with kexec_file_load's argument types; returns the
     * result, or {@code -errno} on failure. Package-private so tests can check the variadic call
     * with a harmless system call.
     */
    long syscall(Arena arena, long number, int a, int b, long c, MemorySegment d, long e) {
        MemorySegment state = arena.allocate(Native.STATE);
        try {
            long rc = (long) Native.SYSCALL5.invokeExact(state, number, a, b, c, d, e);
            return rc < 0 ? -errno(state) : rc;
        } catch (RuntimeException | Error x) {
            throw x;
        } catch (Throwable t) {
            throw new IllegalStateException("syscall " + number, t);
        }
    }

    @Override
    public void sync() {
        try {
            Native.SYNC.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sync", t);
        }
    }

    @Override
    public void rebootIntoLoadedKernel() throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Native.STATE);
            int rc = (int) Native.REBOOT.invokeExact(state, LINUX_REBOOT_CMD_KEXEC);
            if (rc < 0) {
                throw new ErrnoException("reboot(LINUX_REBOOT_CMD_KEXEC)", errno(state));
            }
        } catch (ErrnoException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("reboot", t);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) Native.ERRNO_VALUE.get(state, 0L);
    }
}
