package io.jpxe.commands.net.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An ICMP (IPv4) or ICMPv6 socket through FFM: Linux's unprivileged ping socket
 * ({@code socket(AF_INET[6], SOCK_DGRAM, IPPROTO_ICMP[V6])}, allowed when {@code net.ipv4.ping_group_range}
 * covers the caller's group), else a raw socket (needs {@code CAP_NET_RAW}). For ICMPv6 the kernel
 * fills in the checksum (it needs the source address) and hands over no IP header. Every call blocks in the
 * kernel: use it from the script thread only. Not thread-safe; close it once.
 */
final class IcmpSocket implements AutoCloseable {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int IPPROTO_ICMP = 1;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int SOCKADDR_IN_SIZE = 16;
    private static final int AF_INET6 = 10;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int SOCKADDR_IN6_SIZE = 28;

    /** A received ICMP message (IP header removed) and its sender. */
    record Received(InetAddress from, byte[] icmp) {
    }

    /** A failed call with its errno. */
    static final class ErrnoException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int errno;

        ErrnoException(String call, int errno) {
            super(call + " failed: errno " + errno);
            this.errno = errno;
        }

        int errno() {
            return errno;
        }
    }

    /** Downcall handles, made on first use so a loader that never pings does not pay for them. */
    private static final class Native {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
        static final StructLayout STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO_HANDLE = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        private static final ValueLayout C_INT = ValueLayout.JAVA_INT;
        private static final ValueLayout C_LONG = ValueLayout.JAVA_LONG;
        private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;

        static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT));
        static final MethodHandle SENDTO = handle("sendto",
                FunctionDescriptor.of(C_LONG, C_INT, ADDRESS, C_LONG, C_INT, ADDRESS, C_INT));
        static final MethodHandle RECVFROM = handle("recvfrom",
                FunctionDescriptor.of(C_LONG, C_INT, ADDRESS, C_LONG, C_INT, ADDRESS, ADDRESS));
        static final MethodHandle SETSOCKOPT = handle("setsockopt",
                FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, ADDRESS, C_INT));
        static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(C_INT, C_INT));

        private Native() {
        }

        private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, ERRNO);
        }
    }

    private final int fd;
    private final boolean raw;
    private final boolean ipv6;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment state = arena.allocate(Native.STATE);
    private final MemorySegment buffer = arena.allocate(65536);
    private final MemorySegment from = arena.allocate(SOCKADDR_IN6_SIZE, 4);
    private final MemorySegment fromLength = arena.allocate(ValueLayout.JAVA_INT);

    private IcmpSocket(int fd, boolean raw, boolean ipv6) {
        this.fd = fd;
        this.raw = raw;
        this.ipv6 = ipv6;
    }

    /**
     * Opens a ping socket, falling back to a raw socket when ping sockets are not allowed.
     *
     * @param pollMillis how long one {@link #receive()} waits at most
     */
    static IcmpSocket open(long pollMillis) throws IOException {
        return open(pollMillis, false);
    }

    /** As {@link #open(long)}, for ICMPv6 when {@code ipv6}. */
    static IcmpSocket open(long pollMillis, boolean ipv6) throws IOException {
        IcmpSocket socket;
        try {
            socket = new IcmpSocket(socket(SOCK_DGRAM, ipv6), false, ipv6);
        } catch (ErrnoException dgramRefused) {
            try {
                socket = new IcmpSocket(socket(SOCK_RAW, ipv6), true, ipv6);
            } catch (ErrnoException rawRefused) {
                dgramRefused.addSuppressed(rawRefused);
                throw dgramRefused;
            }
        }
        try {
            socket.receiveTimeout(pollMillis);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /** Whether the kernel keeps the echo identifier (raw socket) rather than setting its own (ping socket). */
    boolean keepsIdentifier() {
        return raw;
    }

    /** Sends one ICMP message to {@code to} (an IPv6 address on an ICMPv6 socket, with its scope if link-local). */
    void send(InetAddress to, byte[] icmp) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment data = call.allocate(Math.max(1, icmp.length));
            MemorySegment.copy(icmp, 0, data, ValueLayout.JAVA_BYTE, 0, icmp.length);
            int size = ipv6 ? SOCKADDR_IN6_SIZE : SOCKADDR_IN_SIZE;
            MemorySegment address = call.allocate(size, 4);
            if (ipv6) {
                address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET6);
                MemorySegment.copy(to.getAddress(), 0, address, ValueLayout.JAVA_BYTE, 8, 16);
                int scope = to instanceof java.net.Inet6Address v6 ? v6.getScopeId() : 0;
                address.set(ValueLayout.JAVA_INT, 24, scope);
            } else {
                address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
                MemorySegment.copy(to.getAddress(), 0, address, ValueLayout.JAVA_BYTE, 4, 4);
            }
            long n = (long) Native.SENDTO.invokeExact(state, fd, data, (long) icmp.length, 0, address, size);
            if (n < 0) {
                throw new ErrnoException("sendto", errno());
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("sendto", t);
        }
    }

    /** Waits up to the poll time for one ICMP message; {@code null} when none came. */
    Received receive() throws IOException {
        long n;
        try {
            fromLength.set(ValueLayout.JAVA_INT, 0, (int) from.byteSize());
            n = (long) Native.RECVFROM.invokeExact(state, fd, buffer, buffer.byteSize(), 0, from, fromLength);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("recvfrom", t);
        }
        if (n < 0) {
            int errno = errno();
            if (errno == EAGAIN || errno == EINTR) {
                return null;
            }
            throw new ErrnoException("recvfrom", errno);
        }
        byte[] packet = buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        byte[] sender = ipv6 ? from.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE)
                : from.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE);
        // a raw IPv4 socket hands over the IP header too (a raw ICMPv6 socket does not)
        int offset = raw && !ipv6 && packet.length > 0 ? (packet[0] & 0x0f) * 4 : 0;
        if (offset > packet.length) {
            return null;
        }
        try {
            return new Received(InetAddress.getByAddress(sender), Arrays.copyOfRange(packet, offset, packet.length));
        } catch (UnknownHostException e) {
            throw new IOException("bad sender address", e);
        }
    }

    @Override
    public void close() {
        try {
            int ignored = (int) Native.CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            // closing is best effort: the descriptor is gone either way
        }
        arena.close();
    }

    private void receiveTimeout(long millis) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment timeval = call.allocate(16, 8);
            timeval.set(ValueLayout.JAVA_LONG, 0, millis / 1000);
            timeval.set(ValueLayout.JAVA_LONG, 8, (millis % 1000) * 1000);
            int rc = (int) Native.SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVTIMEO, timeval, 16);
            if (rc < 0) {
                throw new ErrnoException("setsockopt(SO_RCVTIMEO)", errno());
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("setsockopt", t);
        }
    }

    private static int socket(int type, boolean ipv6) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment callState = call.allocate(Native.STATE);
            int fd = (int) Native.SOCKET.invokeExact(callState, ipv6 ? AF_INET6 : AF_INET, type | SOCK_CLOEXEC,
                    ipv6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
            if (fd < 0) {
                throw new ErrnoException(type == SOCK_RAW ? "socket(SOCK_RAW)" : "socket(SOCK_DGRAM)",
                        (int) Native.ERRNO_HANDLE.get(callState, 0L));
            }
            return fd;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("socket", t);
        }
    }

    private int errno() {
        return (int) Native.ERRNO_HANDLE.get(state, 0L);
    }
}
