package io.jpxe.nic.linux.internal.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An {@code AF_PACKET}/{@code SOCK_RAW} socket bound to one interface and every EtherType: whole
 * Ethernet frames in both directions. Blocking calls; one receiving thread at a time.
 */
public final class PacketSocket implements AutoCloseable {
    /** {@code ETH_P_ALL}. */
    static final int ETH_P_ALL = 0x0003;
    /** {@code sockaddr_ll.sll_pkttype} of frames this host sent (seen again on ETH_P_ALL sockets). */
    static final int PACKET_OUTGOING = 4;
    private static final int SOCKADDR_LL_SIZE = 20;

    private final Libc libc;
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment receiveBuffer;
    private final MemorySegment from;
    private final MemorySegment fromLength;
    private volatile boolean closed;

    /**
     * Opens the socket on interface {@code ifindex}; receives time out after {@code timeoutMillis} so
     * a receive loop sees {@link #close()}.
     */
    public PacketSocket(Libc libc, int ifindex, int bufferSize, long timeoutMillis) throws IOException {
        this(libc, ifindex, ETH_P_ALL, bufferSize, timeoutMillis);
    }

    /** As above, receiving only frames of {@code etherType} ({@link #ETH_P_ALL} for every frame). */
    public PacketSocket(Libc libc, int ifindex, int etherType, int bufferSize, long timeoutMillis)
            throws IOException {
        this.libc = libc;
        this.fd = libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Short.toUnsignedInt(
                Short.reverseBytes((short) etherType)));
        try {
            libc.receiveTimeout(fd, timeoutMillis);
            try (Arena temporary = Arena.ofConfined()) {
                MemorySegment address = temporary.allocate(SOCKADDR_LL_SIZE, 4);
                address.asByteBuffer().order(ByteOrder.nativeOrder()).put(sockaddrLl(ifindex, etherType));
                libc.bind(fd, address);
            }
        } catch (IOException e) {
            libc.close(fd);
            throw e;
        }
        receiveBuffer = arena.allocate(bufferSize);
        from = arena.allocate(SOCKADDR_LL_SIZE, 4);
        fromLength = arena.allocate(ValueLayout.JAVA_INT);
    }

    /** The {@code sockaddr_ll} binding to {@code ifindex} and {@code etherType} (family, protocol BE, index). */
    static byte[] sockaddrLl(int ifindex, int etherType) {
        ByteBuffer b = ByteBuffer.allocate(SOCKADDR_LL_SIZE).order(ByteOrder.nativeOrder());
        b.putShort((short) Libc.AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) etherType);
        b.order(ByteOrder.nativeOrder()).putInt(ifindex);
        return b.array();
    }

    /** Sends one whole frame. */
    public void send(ByteBuffer frame) throws IOException {
        try (Arena temporary = Arena.ofConfined()) {
            MemorySegment data = temporary.allocate(frame.remaining());
            data.asByteBuffer().put(frame.duplicate());
            libc.send(fd, data);
        }
    }

    /**
     * Waits for the next frame received from the wire (frames this host sent are skipped) and
     * returns a read-only view valid until the next call, or {@code null} on timeout.
     * Only one thread may receive.
     */
    public ByteBuffer receive() throws IOException {
        while (!closed) {
            fromLength.set(ValueLayout.JAVA_INT, 0, SOCKADDR_LL_SIZE);
            long n = libc.recvfrom(fd, receiveBuffer, from, fromLength);
            if (n < 0) {
                return null;
            }
            int pktType = Byte.toUnsignedInt(from.get(ValueLayout.JAVA_BYTE, 10));
            if (pktType == PACKET_OUTGOING) {
                continue;
            }
            return receiveBuffer.asSlice(0, Math.min(n, receiveBuffer.byteSize())).asByteBuffer()
                    .asReadOnlyBuffer();
        }
        return null;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }

    /** Frees the receive buffer; call after the receiving thread has ended. */
    public void free() {
        close();
        arena.close();
    }
}
