package io.jpxe.nic.linux.internal.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An rtnetlink ({@code NETLINK_ROUTE}) socket for one request at a time: sends a message built by
 * {@link RtnetlinkMessages} and waits for the kernel's acknowledgement. Blocking; not thread-safe
 * (open one per operation).
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final int NETLINK_ROUTE = 0;
    private static final int SOCKADDR_NL_SIZE = 12;

    private final Libc libc;
    private final int fd;

    public NetlinkSocket(Libc libc) throws IOException {
        this.libc = libc;
        this.fd = libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, NETLINK_ROUTE);
        try {
            libc.receiveTimeout(fd, 2000);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment address = arena.allocate(SOCKADDR_NL_SIZE, 4);
                address.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
                libc.bind(fd, address);
            }
        } catch (IOException e) {
            libc.close(fd);
            throw e;
        }
    }

    /**
     * Sends {@code message} (which asks for an ACK) and waits for it.
     *
     * @throws Libc.ErrnoException with the kernel's errno when it refuses; {@code what} names the operation
     */
    public void request(String what, byte[] message) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(message.length);
            out.asByteBuffer().put(message);
            libc.send(fd, out);
            MemorySegment in = arena.allocate(8192);
            while (true) {
                long n = libc.recvfrom(fd, in, MemorySegment.NULL, MemorySegment.NULL);
                if (n < 0) {
                    throw new IOException(what + ": no answer from rtnetlink");
                }
                ByteBuffer reply = in.asSlice(0, n).asByteBuffer().order(ByteOrder.nativeOrder());
                int errno = RtnetlinkMessages.ackErrno(reply, RtnetlinkMessages.sequenceOf(message));
                if (errno == RtnetlinkMessages.NOT_AN_ACK) {
                    continue;
                }
                if (errno != 0) {
                    throw new Libc.ErrnoException(what, errno);
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
