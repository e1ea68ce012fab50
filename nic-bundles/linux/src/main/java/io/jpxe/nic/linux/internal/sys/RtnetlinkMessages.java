package io.jpxe.nic.linux.internal.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds and reads rtnetlink messages (linux/rtnetlink.h, linux/if_addr.h, linux/if_link.h) as plain
 * bytes in host order, so they are testable without a kernel. Stateless.
 */
public final class RtnetlinkMessages {
    /** {@link #ackErrno} result for a message that is not the acknowledgement asked for. */
    public static final int NOT_AN_ACK = Integer.MIN_VALUE;

    static final short RTM_NEWLINK = 16;
    static final short RTM_DELLINK = 17;
    static final short RTM_NEWADDR = 20;
    static final short RTM_DELADDR = 21;
    static final short RTM_NEWROUTE = 24;
    static final short NLMSG_ERROR = 2;
    static final short NLM_F_REQUEST = 0x1;
    static final short NLM_F_ACK = 0x4;
    static final short NLM_F_REPLACE = 0x100;
    static final short NLM_F_EXCL = 0x200;
    static final short NLM_F_CREATE = 0x400;
    static final byte AF_INET = 2;
    static final byte AF_INET6 = 10;
    /** ifaddrmsg flag: no duplicate address detection, usable at once. */
    static final byte IFA_F_NODAD = 0x02;
    static final short IFA_ADDRESS = 1;
    static final short IFA_LOCAL = 2;
    static final short IFA_BROADCAST = 4;
    static final short RTA_OIF = 4;
    static final short RTA_GATEWAY = 5;
    static final short IFLA_IFNAME = 3;
    static final short IFLA_LINK = 5;
    static final short IFLA_LINKINFO = 18;
    static final short IFLA_INFO_KIND = 1;
    static final short IFLA_INFO_DATA = 2;
    static final short IFLA_VLAN_ID = 1;
    static final int IFF_UP = 0x1;
    static final byte RT_TABLE_MAIN = (byte) 254;
    static final byte RTPROT_BOOT = 3;
    static final byte RTN_UNICAST = 1;
    private static final int NLMSG_HEADER = 16;

    private RtnetlinkMessages() {
    }

    /** RTM_NEWLINK setting or clearing IFF_UP on {@code ifindex}. */
    public static byte[] linkUp(int sequence, int ifindex, boolean up) {
        ByteBuffer b = start(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, sequence);
        ifinfomsg(b, ifindex, up ? IFF_UP : 0, IFF_UP);
        return finish(b);
    }

    /** RTM_NEWADDR (or RTM_DELADDR) of {@code address/prefix} with its broadcast address on {@code ifindex}. */
    public static byte[] address(int sequence, boolean add, int ifindex, byte[] address, int prefix) {
        ByteBuffer b = start(add ? RTM_NEWADDR : RTM_DELADDR,
                NLM_F_REQUEST | NLM_F_ACK | (add ? NLM_F_CREATE | NLM_F_REPLACE : 0), sequence);
        b.put(AF_INET).put((byte) prefix).put((byte) 0).put((byte) 0).putInt(ifindex);
        attribute(b, IFA_LOCAL, address);
        attribute(b, IFA_ADDRESS, address);
        if (prefix < 31) {
            attribute(b, IFA_BROADCAST, broadcast(address, prefix));
        }
        return finish(b);
    }

    /**
     * RTM_NEWADDR of IPv6 {@code address/prefix} on {@code ifindex}, flagged NODAD: the address was
     * leased by a DHCPv6 server that already checked it, and a boot loader cannot wait a second of
     * duplicate address detection before fetching from it (iPXE does no DAD either).
     */
    public static byte[] address6(int sequence, int ifindex, byte[] address, int prefix) {
        ByteBuffer b = start(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE, sequence);
        b.put(AF_INET6).put((byte) prefix).put(IFA_F_NODAD).put((byte) 0).putInt(ifindex);
        attribute(b, IFA_ADDRESS, address);
        return finish(b);
    }

    /** RTM_NEWROUTE replacing the IPv4 default route with one via {@code gateway} on {@code ifindex}. */
    public static byte[] defaultRoute(int sequence, int ifindex, byte[] gateway) {
        ByteBuffer b = start(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE, sequence);
        b.put(AF_INET).put((byte) 0).put((byte) 0).put((byte) 0);
        b.put(RT_TABLE_MAIN).put(RTPROT_BOOT).put((byte) 0).put(RTN_UNICAST).putInt(0);
        attribute(b, RTA_GATEWAY, gateway);
        attribute(b, RTA_OIF, intBytes(ifindex));
        return finish(b);
    }

    /** RTM_NEWLINK creating VLAN interface {@code name} with {@code vlanId} on top of {@code parentIndex}. */
    public static byte[] newVlan(int sequence, String name, int parentIndex, int vlanId) {
        ByteBuffer b = start(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, sequence);
        ifinfomsg(b, 0, 0, 0);
        attribute(b, IFLA_IFNAME, cString(name));
        attribute(b, IFLA_LINK, intBytes(parentIndex));
        int linkInfo = b.position();
        b.putShort((short) 0).putShort(IFLA_LINKINFO);
        attribute(b, IFLA_INFO_KIND, cString("vlan"));
        int data = b.position();
        b.putShort((short) 0).putShort(IFLA_INFO_DATA);
        attribute(b, IFLA_VLAN_ID, new byte[] {(byte) vlanId, (byte) (vlanId >> 8)});
        b.putShort(data, (short) (b.position() - data));
        b.putShort(linkInfo, (short) (b.position() - linkInfo));
        return finish(b);
    }

    /** RTM_DELLINK of {@code ifindex}. */
    public static byte[] deleteLink(int sequence, int ifindex) {
        ByteBuffer b = start(RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, sequence);
        ifinfomsg(b, ifindex, 0, 0);
        return finish(b);
    }

    /** The sequence number stored in a message built here. */
    static int sequenceOf(byte[] message) {
        return ByteBuffer.wrap(message).order(ByteOrder.nativeOrder()).getInt(8);
    }

    /**
     * Reads the first NLMSG_ERROR for {@code sequence} in {@code reply}: 0 for an ACK, a positive errno
     * for a refusal, {@link #NOT_AN_ACK} when none is there (truncated or unrelated messages included).
     */
    public static int ackErrno(ByteBuffer reply, int sequence) {
        ByteBuffer b = reply.duplicate().order(ByteOrder.nativeOrder());
        while (b.remaining() >= NLMSG_HEADER) {
            int start = b.position();
            int length = b.getInt(start);
            if (length < NLMSG_HEADER || length > b.remaining()) {
                return NOT_AN_ACK;
            }
            short type = b.getShort(start + 4);
            int seq = b.getInt(start + 8);
            if (type == NLMSG_ERROR && seq == sequence && length >= NLMSG_HEADER + 4) {
                return -b.getInt(start + NLMSG_HEADER);
            }
            b.position(start + align(length));
            if (b.position() > b.limit()) {
                break;
            }
        }
        return NOT_AN_ACK;
    }

    static byte[] broadcast(byte[] address, int prefix) {
        int a = ByteBuffer.wrap(address).getInt();
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return intBigEndian(a | ~mask);
    }

    private static ByteBuffer start(short type, int flags, int sequence) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
        b.putInt(0).putShort(type).putShort((short) flags).putInt(sequence).putInt(0);
        return b;
    }

    private static void ifinfomsg(ByteBuffer b, int ifindex, int flags, int change) {
        b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(ifindex).putInt(flags).putInt(change);
    }

    private static void attribute(ByteBuffer b, short type, byte[] value) {
        b.putShort((short) (4 + value.length)).putShort(type).put(value);
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
    }

    private static byte[] finish(ByteBuffer b) {
        b.putInt(0, b.position());
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static int align(int length) {
        return (length + 3) & ~3;
    }

    private static byte[] intBytes(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }

    private static byte[] intBigEndian(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static byte[] cString(String s) {
        byte[] text = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return java.util.Arrays.copyOf(text, text.length + 1);
    }
}
