package io.jpxe.nic.linux.internal.sys;

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
 * The few libc socket calls jPXE needs, bound through FFM with {@code errno} captured. Every call
 * blocks in the kernel: callers run on receive threads or virtual threads, never a Netty event loop.
 *
 * <p>Thread-safe (the handles are immutable); one instance per driver component.
 */
public final class Libc {
    static final int AF_NETLINK = 16;
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int EAGAIN = 11;
    static final int EINTR = 4;

    private static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;

    private final StructLayout callState = Linker.Option.captureStateLayout();
    private final VarHandle errnoHandle = callState.varHandle(MemoryLayoutPaths.errno());
    /**
     * The downcall handles, made on first use: generating them costs tens of milliseconds, which a
     * loader that never opens a NIC (a script run from a file) should not pay at start-up.
     */
    private static final class Native {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");

        static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT));
        static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(C_INT, C_INT, ADDRESS, C_INT));
        static final MethodHandle SEND = handle("send", FunctionDescriptor.of(C_LONG, C_INT, ADDRESS, C_LONG, C_INT));
        static final MethodHandle RECVFROM = handle("recvfrom",
                FunctionDescriptor.of(C_LONG, C_INT, ADDRESS, C_LONG, C_INT, ADDRESS, ADDRESS));
        static final MethodHandle SETSOCKOPT = handle("setsockopt",
                FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, ADDRESS, C_INT));
        static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(C_INT, C_INT));
        static final MethodHandle IF_NAME_TO_INDEX = handle("if_nametoindex", FunctionDescriptor.of(C_INT, ADDRESS));
        static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(C_INT, ADDRESS, C_INT));
        // glibc has no finit_module wrapper: syscall(2) is variadic after the number
        static final MethodHandle SYSCALL = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("syscall"),
                FunctionDescriptor.of(C_LONG, C_LONG, C_INT, ADDRESS, C_INT), ERRNO, Linker.Option.firstVariadicArg(1));

        private Native() {
        }

        private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, ERRNO);
        }
    }

    /** A syscall failure carrying its errno. */
    public static final class ErrnoException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int errno;

        ErrnoException(String call, int errno) {
            super(call + " failed: errno " + errno);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }

    int socket(int domain, int type, int protocol) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(callState);
            int fd = (int) Native.SOCKET.invokeExact(state, domain, type, protocol);
            return checked("socket", fd, state);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("socket", t);
        }
    }

    void bind(int fd, MemorySegment address) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(callState);
            checked("bind", (int) Native.BIND.invokeExact(state, fd, address, (int) address.byteSize()), state);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("bind", t);
        }
    }

    long send(int fd, MemorySegment data) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(callState);
            long n = (long) Native.SEND.invokeExact(state, fd, data, data.byteSize(), 0);
            return checked("send", n, state);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("send", t);
        }
    }

    /**
     * Receives into {@code buffer}; {@code from} (may be {@link MemorySegment#NULL}) gets the sender
     * address. Returns -1 on a receive timeout.
     */
    long recvfrom(int fd, MemorySegment buffer, MemorySegment from, MemorySegment fromLength) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(callState);
            long n = (long) Native.RECVFROM.invokeExact(state, fd, buffer, buffer.byteSize(), 0, from, fromLength);
            if (n < 0) {
                int errno = (int) errnoHandle.get(state, 0L);
                if (errno == EAGAIN || errno == EINTR) {
                    return -1;
                }
                throw new ErrnoException("recvfrom", errno);
            }
            return n;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("recvfrom", t);
        }
    }

    /** Sets a receive timeout so receive loops can notice a close. */
    void receiveTimeout(int fd, long millis) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(callState);
            MemorySegment timeval = arena.allocate(16, 8);
            timeval.set(C_LONG, 0, millis / 1000);
            timeval.set(C_LONG, 8, (millis % 1000) * 1000);
            checked("setsockopt(SO_RCVTIMEO)",
                    (int) Native.SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVTIMEO, timeval, 16), state);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("setsockopt", t);
        }
    }

    void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(callState);
            int ignored = (int) Native.CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            // closing is best effort: the descriptor is gone either way
        }
    }

    /** The kernel's index of interface {@code name}. */
    public int interfaceIndex(String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(callState);
            int index = (int) Native.IF_NAME_TO_INDEX.invokeExact(state, arena.allocateFrom(name));
            if (index == 0) {
                throw new ErrnoException("if_nametoindex(" + name + ")", (int) errnoHandle.get(state, 0L));
            }
            return index;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("if_nametoindex", t);
        }
    }

    /** {@code finit_module(2)} flag: the kernel decompresses the module file itself (Linux 5.17+). */
    public static final int MODULE_INIT_COMPRESSED_FILE = 4;
    /** errno when the module is already loaded. */
    public static final int EEXIST = 17;
    private static final long SYS_FINIT_MODULE = 313; // x86_64
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    /** Loads the kernel module in {@code file} with no parameters ({@code finit_module(2)}). */
    public void loadModule(java.nio.file.Path file, int flags) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(callState);
            int fd = checked("open(" + file + ")",
                    (int) Native.OPEN.invokeExact(state, arena.allocateFrom(file.toString()), O_RDONLY_CLOEXEC), state);
            try {
                long rc = (long) Native.SYSCALL.invokeExact(state, SYS_FINIT_MODULE, fd, arena.allocateFrom(""), flags);
                checked("finit_module(" + file.getFileName() + ")", rc, state);
            } finally {
                close(fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("finit_module", t);
        }
    }

    private int checked(String call, int result, MemorySegment state) throws ErrnoException {
        if (result < 0) {
            throw new ErrnoException(call, (int) errnoHandle.get(state, 0L));
        }
        return result;
    }

    private long checked(String call, long result, MemorySegment state) throws ErrnoException {
        if (result < 0) {
            throw new ErrnoException(call, (int) errnoHandle.get(state, 0L));
        }
        return result;
    }

    /** Layout paths kept apart so the field initialisers read simply. */
    private static final class MemoryLayoutPaths {
        static java.lang.foreign.MemoryLayout.PathElement errno() {
            return java.lang.foreign.MemoryLayout.PathElement.groupElement("errno");
        }
    }
}
