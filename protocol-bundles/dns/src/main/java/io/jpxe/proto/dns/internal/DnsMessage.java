package io.jpxe.proto.dns.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DNS queries and answers (RFC 1035 §4): an A query for one name, and the A records (following
 * CNAMEs) in a response. Decoding checks every length and bounds compression pointers, so a hostile
 * answer is rejected, never a crash. Stateless.
 */
final class DnsMessage {
    static final int TYPE_A = 1;
    static final int TYPE_AAAA = 28;
    static final int TYPE_CNAME = 5;
    static final int CLASS_IN = 1;
    static final int RCODE_NXDOMAIN = 3;
    private static final int MAX_POINTER_HOPS = 32;

    /** A decoded response: its rcode and the addresses found for the asked name. */
    record Answer(int id, int rcode, List<InetAddress> addresses) {
    }

    private DnsMessage() {
    }

    /** A recursive A query for {@code name} with transaction {@code id}. */
    static byte[] query(int id, String name) {
        return query(id, name, TYPE_A);
    }

    /** A recursive query of {@code type} (A or AAAA) for {@code name} with transaction {@code id}. */
    static byte[] query(int id, String name, int type) {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0);
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length == 0 || bytes.length > 63) {
                throw new IllegalArgumentException("invalid DNS label in \"" + name + "\"");
            }
            b.put((byte) bytes.length).put(bytes);
        }
        b.put((byte) 0).putShort((short) type).putShort((short) CLASS_IN);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /**
     * Decodes a response to a query for {@code name}: A and AAAA records for the name or any CNAME it
     * leads to.
     *
     * @throws DnsFormatException when the message is truncated or malformed
     */
    static Answer decode(ByteBuffer data, String name) throws DnsFormatException {
        ByteBuffer b = data.duplicate();
        try {
            int start = b.position();
            int id = Short.toUnsignedInt(b.getShort());
            int flags = Short.toUnsignedInt(b.getShort());
            int questions = Short.toUnsignedInt(b.getShort());
            int answers = Short.toUnsignedInt(b.getShort());
            b.getShort();
            b.getShort();
            if ((flags & 0x8000) == 0) {
                throw new DnsFormatException("DNS message is not a response");
            }
            for (int i = 0; i < questions; i++) {
                readName(b, start);
                b.position(b.position() + 4);
            }
            String wanted = name.toLowerCase(Locale.ROOT);
            List<InetAddress> addresses = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                String owner = readName(b, start).toLowerCase(Locale.ROOT);
                int type = Short.toUnsignedInt(b.getShort());
                b.getShort(); // class
                b.getInt(); // TTL
                int length = Short.toUnsignedInt(b.getShort());
                if (length > b.remaining()) {
                    throw new DnsFormatException("DNS record claims " + length + " bytes but " + b.remaining() + " remain");
                }
                int next = b.position() + length;
                if (owner.equals(wanted) && type == TYPE_CNAME) {
                    wanted = readName(b, start).toLowerCase(Locale.ROOT);
                } else if (owner.equals(wanted) && ((type == TYPE_A && length == 4) || (type == TYPE_AAAA && length == 16))) {
                    byte[] a = new byte[length];
                    b.get(a);
                    addresses.add(InetAddress.getByAddress(a));
                }
                b.position(next);
            }
            return new Answer(id, flags & 0x0F, addresses);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new DnsFormatException("DNS message is truncated or malformed");
        } catch (UnknownHostException e) {
            throw new DnsFormatException("DNS A record is not an address");
        }
    }

    /** Reads a possibly compressed name; pointers may only go backwards and are bounded in number. */
    static String readName(ByteBuffer b, int messageStart) throws DnsFormatException {
        try {
            return readNameUnchecked(b, messageStart);
        } catch (IndexOutOfBoundsException | BufferUnderflowException e) {
            throw new DnsFormatException("DNS name runs past the end of the message");
        }
    }

    private static String readNameUnchecked(ByteBuffer b, int messageStart) throws DnsFormatException {
        StringBuilder name = new StringBuilder();
        int position = b.position();
        int resume = -1;
        int hops = 0;
        while (true) {
            int length = Byte.toUnsignedInt(b.get(position));
            if (length == 0) {
                position++;
                break;
            }
            if ((length & 0xC0) == 0xC0) {
                int target = messageStart + (((length & 0x3F) << 8) | Byte.toUnsignedInt(b.get(position + 1)));
                if (resume < 0) {
                    resume = position + 2;
                }
                if (++hops > MAX_POINTER_HOPS || target >= position) {
                    throw new DnsFormatException("DNS name has a compression loop");
                }
                position = target;
                continue;
            }
            if ((length & 0xC0) != 0) {
                throw new DnsFormatException("DNS name has a reserved label type");
            }
            byte[] label = new byte[length];
            b.get(position + 1, label);
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(new String(label, StandardCharsets.ISO_8859_1));
            position += 1 + length;
            if (name.length() > 255) {
                throw new DnsFormatException("DNS name is longer than 255 characters");
            }
        }
        b.position(resume >= 0 ? resume : position);
        return name.toString();
    }
}
