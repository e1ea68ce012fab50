package io.jpxe.proto.dhcp.internal;

import java.nio.ByteBuffer;

/**
 * Ethernet II + IPv4 + UDP framing for DHCP before the interface has an address (iPXE sends DHCP
 * over its own stack; jPXE does it over AF_PACKET). Stateless.
 */
final class UdpFrames {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};
    static final byte[] ANY = {0, 0, 0, 0};
    static final byte[] BROADCAST_IP = {-1, -1, -1, -1};
    private static final int ETHERNET_HEADER = 14;
    private static final int IP_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int PROTOCOL_UDP = 17;

    /** A received UDP datagram: the sender's MAC, addresses, ports and a copy of the payload. */
    record Datagram(byte[] sourceMac, byte[] sourceIp, byte[] destinationIp, int sourcePort, int destinationPort, ByteBuffer payload) {
    }

    private UdpFrames() {
    }

    /** Builds one frame carrying {@code payload} from {@code srcIp:srcPort} to {@code dstIp:dstPort}. */
    static ByteBuffer build(byte[] srcMac, byte[] dstMac, byte[] srcIp, byte[] dstIp, int srcPort, int dstPort,
            byte[] payload) {
        int udpLength = UDP_HEADER + payload.length;
        ByteBuffer b = ByteBuffer.allocate(ETHERNET_HEADER + IP_HEADER + udpLength);
        b.put(dstMac).put(srcMac).putShort((short) ETHERTYPE_IPV4);
        int ip = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) (IP_HEADER + udpLength)).putShort((short) 0)
                .putShort((short) 0).put((byte) 64).put((byte) PROTOCOL_UDP).putShort((short) 0)
                .put(srcIp).put(dstIp);
        b.putShort(ip + 10, (short) checksum(b.array(), ip, IP_HEADER, 0));
        int udp = b.position();
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) udpLength).putShort((short) 0)
                .put(payload);
        long pseudo = sum(srcIp) + sum(dstIp) + PROTOCOL_UDP + udpLength;
        int udpChecksum = checksum(b.array(), udp, udpLength, pseudo);
        b.putShort(udp + 6, (short) (udpChecksum == 0 ? 0xFFFF : udpChecksum));
        return b.flip();
    }

    /**
     * The UDP datagram inside an Ethernet frame, or {@code null} when the frame is not an unfragmented
     * IPv4/UDP packet whose lengths all fit (anything else is ignored, never an error).
     */
    static Datagram parse(ByteBuffer frame) {
        ByteBuffer b = frame.duplicate();
        int base = b.position();
        int available = b.remaining();
        if (available < ETHERNET_HEADER + IP_HEADER + UDP_HEADER
                || Short.toUnsignedInt(b.getShort(base + 12)) != ETHERTYPE_IPV4) {
            return null;
        }
        int ip = base + ETHERNET_HEADER;
        int versionIhl = Byte.toUnsignedInt(b.get(ip));
        int ihl = (versionIhl & 0x0F) * 4;
        int totalLength = Short.toUnsignedInt(b.getShort(ip + 2));
        int fragment = Short.toUnsignedInt(b.getShort(ip + 6));
        if ((versionIhl >> 4) != 4 || ihl < IP_HEADER || totalLength < ihl + UDP_HEADER
                || totalLength > available - ETHERNET_HEADER || (fragment & 0x3FFF) != 0
                || Byte.toUnsignedInt(b.get(ip + 9)) != PROTOCOL_UDP) {
            return null;
        }
        int udp = ip + ihl;
        int udpLength = Short.toUnsignedInt(b.getShort(udp + 4));
        if (udpLength < UDP_HEADER || udpLength > totalLength - ihl) {
            return null;
        }
        byte[] mac = new byte[6];
        b.get(base + 6, mac);
        byte[] src = new byte[4];
        byte[] dst = new byte[4];
        b.get(ip + 12, src);
        b.get(ip + 16, dst);
        byte[] payload = new byte[udpLength - UDP_HEADER];
        b.get(udp + UDP_HEADER, payload);
        return new Datagram(mac, src, dst, Short.toUnsignedInt(b.getShort(udp)), Short.toUnsignedInt(b.getShort(udp + 2)),
                ByteBuffer.wrap(payload).asReadOnlyBuffer());
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes at {@code offset}, plus {@code initial}. */
    static int checksum(byte[] data, int offset, int length, long initial) {
        long sum = initial;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((data[offset + i] & 0xFF) << 8) | (data[offset + i + 1] & 0xFF);
        }
        if ((length & 1) != 0) {
            sum += (data[offset + length - 1] & 0xFF) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static long sum(byte[] address) {
        return (((address[0] & 0xFF) << 8) | (address[1] & 0xFF)) + (((address[2] & 0xFF) << 8) | (address[3] & 0xFF));
    }
}
