package io.jpxe.image.detect.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds the first bytes of each foreign format, as small as a probe accepts, for tests. */
final class Samples {
    private Samples() {
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** An ELF header: class 1 (32-bit) or 2 (64-bit), little-endian, executable, for {@code machine}. */
    static byte[] elf(int elfClass, int machine, int size) {
        ByteBuffer b = buffer(size);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) elfClass, 1, 1});
        b.putShort(16, (short) 2);
        b.putShort(18, (short) machine);
        return b.array();
    }

    /** {@code base} with a Multiboot 1 header (magic, flags, checksum) at {@code offset}. */
    static byte[] multiboot1(byte[] base, int offset) {
        ByteBuffer b = ByteBuffer.wrap(base).order(ByteOrder.LITTLE_ENDIAN);
        int flags = 0x00010003;
        b.putInt(offset, 0x1BADB002);
        b.putInt(offset + 4, flags);
        b.putInt(offset + 8, -(0x1BADB002 + flags));
        return base;
    }

    /** {@code base} with a Multiboot 2 header (magic, architecture 0, length, checksum) at {@code offset}. */
    static byte[] multiboot2(byte[] base, int offset) {
        ByteBuffer b = ByteBuffer.wrap(base).order(ByteOrder.LITTLE_ENDIAN);
        int length = 24;
        b.putInt(offset, 0xE85250D6);
        b.putInt(offset + 4, 0);
        b.putInt(offset + 8, length);
        b.putInt(offset + 12, -(0xE85250D6 + length));
        return base;
    }

    /** A PE32+ image for x86-64 with the given subsystem (10 = EFI application). */
    static byte[] pe(int subsystem) {
        ByteBuffer b = buffer(1024);
        b.put(0, (byte) 'M').put(1, (byte) 'Z');
        int pe = 0x80;
        b.putInt(0x3c, pe);
        b.put(pe, "PE\0\0".getBytes(StandardCharsets.US_ASCII));
        b.putShort(pe + 4, (short) 0x8664);
        int optional = pe + 24;
        b.putShort(optional, (short) 0x20b);
        b.putShort(optional + 68, (short) subsystem);
        return b.array();
    }

    /** An ISO9660 image: a primary volume descriptor named {@code volume}, and an El Torito record. */
    static byte[] iso(String volume) {
        ByteBuffer b = buffer(16 * 2048 + 4 * 2048);
        int pvd = 16 * 2048;
        b.put(pvd, (byte) 1);
        b.put(pvd + 1, "CD001".getBytes(StandardCharsets.US_ASCII));
        byte[] id = String.format("%-32s", volume).getBytes(StandardCharsets.US_ASCII);
        b.put(pvd + 40, id);
        int boot = pvd + 2048;
        b.put(boot, (byte) 0);
        b.put(boot + 1, "CD001".getBytes(StandardCharsets.US_ASCII));
        b.put(boot + 7, "EL TORITO SPECIFICATION".getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
