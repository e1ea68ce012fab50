package io.jpxe.image.bzimage.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds bzImage-like byte arrays with a chosen boot protocol header, for tests. */
final class SyntheticKernel {
    int version = 0x020f;
    int setupSects = 27;
    long cmdlineSize = 2047;
    long initrdAddrMax = 0x7fffffffL;
    int loadFlags = 0x01;
    String kernelVersion = "6.12.0-test (builder@example) #1 SMP";
    /** Where the version string goes, relative to 0x200; 0 for none. */
    int kernelVersionOffset = 0x1000;
    int kernelBytes = 4096;
    /** The header's syssize in bytes; -1 for the file's own (kernelBytes). */
    long syssizeBytes = -1;
    /** The payload, relative to the protected-mode code, starting with the gzip signature. */
    int payloadOffset = 0x100;
    int payloadLength = 1024;
    byte[] payloadMagic = {0x1f, (byte) 0x8b, 0x08};
    int xloadflags = 0x03; // 64-bit, can be loaded above 4 GiB, like every current x86-64 kernel
    long prefAddress = 0x1000000;
    long initSize = 0x2000000;

    int size() {
        int setup = ((setupSects == 0 ? 4 : setupSects) + 1) * 512;
        return setup + kernelBytes;
    }

    byte[] build() {
        ByteBuffer b = ByteBuffer.allocate(size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(BzImageHeader.SETUP_SECTS, (byte) setupSects);
        b.putShort(BzImageHeader.BOOT_FLAG, (short) 0xaa55);
        b.put(BzImageHeader.HEADER, "HdrS".getBytes(StandardCharsets.US_ASCII));
        b.putShort(BzImageHeader.VERSION, (short) version);
        b.putShort(BzImageHeader.KERNEL_VERSION, (short) (kernelVersion == null ? 0 : kernelVersionOffset));
        b.put(BzImageHeader.LOADFLAGS, (byte) loadFlags);
        b.putInt(BzImageHeader.INITRD_ADDR_MAX, (int) initrdAddrMax);
        b.putInt(BzImageHeader.CMDLINE_SIZE, (int) cmdlineSize);
        b.putInt(BzImageHeader.SYSSIZE, (int) ((syssizeBytes < 0 ? kernelBytes : syssizeBytes) + 15) / 16);
        b.putShort(BzImageHeader.XLOADFLAGS, (short) xloadflags);
        b.putInt(BzImageHeader.PAYLOAD_OFFSET, payloadOffset);
        b.putInt(BzImageHeader.PAYLOAD_LENGTH, payloadLength);
        b.putLong(BzImageHeader.PREF_ADDRESS, prefAddress);
        b.putInt(BzImageHeader.INIT_SIZE, (int) initSize);
        int setup = size() - kernelBytes;
        if (payloadLength > 0 && setup + payloadOffset + payloadMagic.length <= b.capacity()) {
            b.put(setup + payloadOffset, payloadMagic);
        }
        if (kernelVersion != null) {
            byte[] text = kernelVersion.getBytes(StandardCharsets.US_ASCII);
            b.put(0x200 + kernelVersionOffset, text);
            b.put(0x200 + kernelVersionOffset + text.length, (byte) 0);
        }
        return b.array();
    }
}
