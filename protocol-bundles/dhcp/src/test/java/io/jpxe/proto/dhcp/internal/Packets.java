package io.jpxe.proto.dhcp.internal;

import java.nio.ByteBuffer;

/** Hand-built server replies for the tests (golden bytes, not produced by the code under test). */
final class Packets {
    static final byte[] MAC = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

    private Packets() {
    }

    /** A BOOTREPLY header (236 bytes) with the cookie, then {@code options} verbatim. */
    static ByteBuffer reply(int xid, byte[] yiaddr, byte[] siaddr, String sname, String file, int... options) {
        ByteBuffer b = ByteBuffer.allocate(240 + options.length);
        b.put((byte) 2).put((byte) 1).put((byte) 6).put((byte) 0).putInt(xid).putShort((short) 0)
                .putShort((short) 0x8000).put(new byte[4]).put(yiaddr).put(siaddr).put(new byte[4]).put(MAC)
                .put(new byte[10]);
        byte[] s = new byte[64];
        System.arraycopy(sname.getBytes(), 0, s, 0, sname.length());
        byte[] f = new byte[128];
        System.arraycopy(file.getBytes(), 0, f, 0, file.length());
        b.put(s).put(f).putInt(0x63825363);
        for (int o : options) {
            b.put((byte) o);
        }
        return b.flip();
    }

    static byte[] ip(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }
}
