package io.jpxe.proto.dhcp.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One BOOTP/DHCP message (RFC 2131 §2): the fixed header and its options, with option overload
 * (option 52) already applied. Immutable; arrays are copied on the way in and out.
 */
final class DhcpPacket {
    static final int BOOTREQUEST = 1;
    static final int BOOTREPLY = 2;
    static final int HEADER_LENGTH = 236;
    static final int MAGIC_COOKIE = 0x63825363;
    static final int FLAG_BROADCAST = 0x8000;
    static final int OPTION_OVERLOAD = 52;
    static final int OPTION_MESSAGE_TYPE = 53;
    static final int OPTION_SERVER_ID = 54;
    static final int DHCPDISCOVER = 1;
    static final int DHCPOFFER = 2;
    static final int DHCPREQUEST = 3;
    static final int DHCPACK = 5;
    static final int DHCPNAK = 6;

    private final int op;
    private final int xid;
    private final int secs;
    private final int flags;
    private final byte[] ciaddr;
    private final byte[] yiaddr;
    private final byte[] siaddr;
    private final byte[] giaddr;
    private final byte[] chaddr;
    private final String sname;
    private final String file;
    private final DhcpOptions options;

    DhcpPacket(int op, int xid, int secs, int flags, byte[] ciaddr, byte[] yiaddr, byte[] siaddr, byte[] giaddr,
            byte[] chaddr, String sname, String file, DhcpOptions options) {
        this.op = op;
        this.xid = xid;
        this.secs = secs;
        this.flags = flags;
        this.ciaddr = ciaddr.clone();
        this.yiaddr = yiaddr.clone();
        this.siaddr = siaddr.clone();
        this.giaddr = giaddr.clone();
        this.chaddr = chaddr.clone();
        this.sname = sname;
        this.file = file;
        this.options = options;
    }

    /**
     * Decodes a DHCP/BOOTP message. Never throws anything but {@link DhcpFormatException}: every length
     * is checked against the buffer, overload is honoured only from the main options field (so it
     * cannot loop), and repeated options are concatenated.
     */
    static DhcpPacket decode(ByteBuffer data) throws DhcpFormatException {
        ByteBuffer b = data.duplicate();
        if (b.remaining() < HEADER_LENGTH) {
            throw new DhcpFormatException("DHCP packet of " + b.remaining() + " bytes is shorter than the "
                    + HEADER_LENGTH + "-byte BOOTP header");
        }
        int op = Byte.toUnsignedInt(b.get());
        int htype = Byte.toUnsignedInt(b.get());
        int hlen = Byte.toUnsignedInt(b.get());
        b.get(); // hops
        int xid = b.getInt();
        int secs = Short.toUnsignedInt(b.getShort());
        int flags = Short.toUnsignedInt(b.getShort());
        byte[] ciaddr = bytes(b, 4);
        byte[] yiaddr = bytes(b, 4);
        byte[] siaddr = bytes(b, 4);
        byte[] giaddr = bytes(b, 4);
        byte[] chaddrField = bytes(b, 16);
        ByteBuffer snameField = b.slice(b.position(), 64);
        ByteBuffer fileField = b.slice(b.position() + 64, 128);
        b.position(b.position() + 192);
        if (htype != 1 || hlen != 6) {
            throw new DhcpFormatException("DHCP packet has hardware type " + htype + " length " + hlen
                    + ", not Ethernet");
        }
        DhcpOptions options = DhcpOptions.empty();
        int overload = 0;
        if (b.remaining() >= 4 && b.getInt(b.position()) == MAGIC_COOKIE) {
            b.position(b.position() + 4);
            DhcpOptions main = DhcpOptions.parse("DHCP options", b);
            overload = main.uint8(OPTION_OVERLOAD).orElse(0) & 3;
            options = switch (overload) {
                case 1 -> DhcpOptions.parse("DHCP options (file overload)", b, fileField);
                case 2 -> DhcpOptions.parse("DHCP options (sname overload)", b, snameField);
                case 3 -> DhcpOptions.parse("DHCP options (file+sname overload)", b, fileField, snameField);
                default -> main;
            };
        }
        String sname = (overload & 2) != 0 ? "" : cString(snameField);
        String file = (overload & 1) != 0 ? "" : cString(fileField);
        return new DhcpPacket(op, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr, Arrays.copyOf(chaddrField, 6),
                sname, file, options);
    }

    /** Encodes header, cookie and options (no overload is used when sending). */
    byte[] encode() {
        byte[] opts = options.encode();
        ByteBuffer b = ByteBuffer.allocate(Math.max(300, HEADER_LENGTH + 4 + opts.length));
        b.put((byte) op).put((byte) 1).put((byte) 6).put((byte) 0).putInt(xid).putShort((short) secs)
                .putShort((short) flags).put(ciaddr).put(yiaddr).put(siaddr).put(giaddr)
                .put(Arrays.copyOf(chaddr, 16)).put(fixed(sname, 64)).put(fixed(file, 128))
                .putInt(MAGIC_COOKIE).put(opts);
        return b.array();
    }

    int op() {
        return op;
    }

    int xid() {
        return xid;
    }

    int flags() {
        return flags;
    }

    byte[] yiaddr() {
        return yiaddr.clone();
    }

    byte[] siaddr() {
        return siaddr.clone();
    }

    byte[] chaddr() {
        return chaddr.clone();
    }

    String sname() {
        return sname;
    }

    String file() {
        return file;
    }

    DhcpOptions options() {
        return options;
    }

    /** The message type (option 53), 0 for plain BOOTP. */
    int messageType() {
        return options.uint8(OPTION_MESSAGE_TYPE).orElse(0);
    }

    /** The server identifier (option 54), if present. */
    Optional<byte[]> serverId() {
        return options.four(OPTION_SERVER_ID);
    }

    static boolean isZero(byte[] address) {
        for (byte x : address) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static String cString(ByteBuffer field) {
        ByteBuffer f = field.duplicate();
        int end = 0;
        while (end < f.remaining() && f.get(f.position() + end) != 0) {
            end++;
        }
        byte[] text = new byte[end];
        f.get(text);
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    private static byte[] fixed(String text, int size) {
        return Arrays.copyOf(text.getBytes(StandardCharsets.ISO_8859_1), size);
    }
}
