package io.jpxe.image.bzimage.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * The facts of a Linux x86 boot protocol header ({@code Documentation/arch/x86/boot.rst}) that a boot
 * plan needs, parsed with every offset and length checked against the image, so a truncated or
 * corrupt kernel is rejected with a message saying what is wrong.
 *
 * @param protocolVersion the boot protocol version, e.g. {@code 0x020f} for 2.15
 * @param setupSects      the number of 512-byte setup sectors (a header value of 0 means 4)
 * @param loadFlags       the {@code loadflags} byte
 * @param cmdlineSize     the longest command line the kernel accepts, without the terminating NUL
 * @param initrdAddrMax   the highest address an initrd may occupy
 * @param kernelVersion   the kernel's version string, or {@code ""} if the header names none
 * @param syssize         the size of the protected-mode code in bytes as the header states it
 *                        ({@code syssize} in 16-byte paragraphs, rounded up), 0 if it states none
 * @param payloadOffset   where the compressed kernel starts, relative to the protected-mode code
 *                        (protocol 2.08+), else 0
 * @param payloadLength   the compressed kernel's length (protocol 2.08+), else 0
 * @param xloadflags      the {@code xloadflags} field (protocol 2.12+), else 0
 * @param prefAddress     where the kernel prefers to be loaded (protocol 2.10+), else the 1 MiB of
 *                        older bzImages
 * @param initSize        the memory the kernel needs from its load address while it decompresses
 *                        and starts (protocol 2.10+), else 0 (unknown)
 */
public record BzImageHeader(int protocolVersion, int setupSects, int loadFlags, long cmdlineSize,
        long initrdAddrMax, String kernelVersion, long syssize, long payloadOffset, long payloadLength,
        int xloadflags, long prefAddress, long initSize) {

    static final int SETUP_SECTS = 0x1f1;
    static final int SYSSIZE = 0x1f4;
    static final int BOOT_FLAG = 0x1fe;
    static final int HEADER = 0x202;
    static final int VERSION = 0x206;
    static final int KERNEL_VERSION = 0x20e;
    static final int LOADFLAGS = 0x211;
    static final int INITRD_ADDR_MAX = 0x22c;
    static final int XLOADFLAGS = 0x236;
    static final int CMDLINE_SIZE = 0x238;
    static final int PAYLOAD_OFFSET = 0x248;
    static final int PAYLOAD_LENGTH = 0x24c;
    static final int PREF_ADDRESS = 0x258;
    static final int INIT_SIZE = 0x260;
    /** loadflags bit: the protected-mode code is loaded at 1 MiB (a bzImage, not a zImage). */
    public static final int LOADED_HIGH = 0x01;
    /** xloadflags bit: a 64-bit kernel with the 64-bit entry point. */
    public static final int XLF_KERNEL_64 = 0x01;
    /** xloadflags bit: kernel, boot parameters, command line and initrd may lie above 4 GiB. */
    public static final int XLF_CAN_BE_LOADED_ABOVE_4G = 0x02;
    /** Where bzImages before protocol 2.10 are loaded. */
    static final long DEFAULT_LOAD_ADDRESS = 0x100000;

    static final int BOOT_FLAG_VALUE = 0xaa55;
    /** "HdrS" read as a little-endian 32-bit value. */
    static final int HEADER_MAGIC = 0x53726448;
    /** Limits the boot protocol gives for kernels older than the fields that state them. */
    static final long DEFAULT_CMDLINE_SIZE = 255;
    static final long DEFAULT_INITRD_ADDR_MAX = 0x37ffffffL;
    /** The most that {@link #parse} ever needs: the boot sector plus 255 setup sectors. */
    public static final int MAX_SETUP_BYTES = 256 * 512;
    private static final int MAX_VERSION_LENGTH = 256;

    /** The version as the kernel documentation writes it, e.g. {@code "2.15"}. */
    public String protocol() {
        return (protocolVersion >> 8) + "." + String.format("%02d", protocolVersion & 0xff);
    }

    /** Size of the real-mode part (boot sector and setup code) that precedes the kernel proper. */
    public long setupBytes() {
        return (setupSects + 1L) * 512;
    }

    /** The facts shown with a boot plan, in display order. */
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("boot_protocol", protocol());
        if (!kernelVersion.isEmpty()) {
            details.put("kernel_version", kernelVersion);
        }
        details.put("setup_sects", Integer.toString(setupSects));
        details.put("loadflags", String.format("0x%02x", loadFlags));
        details.put("cmdline_size", Long.toString(cmdlineSize));
        details.put("initrd_addr_max", String.format("0x%08x", initrdAddrMax));
        if (protocolVersion >= 0x20c) {
            details.put("xloadflags", String.format("0x%02x", xloadflags));
        }
        if (protocolVersion >= 0x20a) {
            details.put("pref_address", String.format("0x%x", prefAddress));
            details.put("init_size", String.format("0x%x", initSize));
        }
        return details;
    }

    /** Whether {@code prefix} starts with the boot flag and the {@code "HdrS"} signature. */
    public static boolean hasSignature(ByteBuffer prefix) {
        ByteBuffer bytes = prefix.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return bytes.limit() >= HEADER + 4 && (bytes.getShort(BOOT_FLAG) & 0xffff) == BOOT_FLAG_VALUE
                && bytes.getInt(HEADER) == HEADER_MAGIC;
    }

    /**
     * Parses the header.
     *
     * @param prefix    the image's first bytes (from position 0 to the limit), at least the setup
     *                  code or {@link #MAX_SETUP_BYTES}, whichever is smaller; not modified
     * @param imageSize the size of the whole image
     * @throws JpxeException {@code ENOEXEC} saying what is missing or inconsistent
     */
    public static BzImageHeader parse(ByteBuffer prefix, long imageSize) throws JpxeException {
        ByteBuffer bytes = prefix.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        bytes.position(0);
        int available = (int) Math.min(bytes.limit(), imageSize);
        require(available >= VERSION + 2, "only " + imageSize + " bytes, too short for a Linux boot header");
        require((bytes.getShort(BOOT_FLAG) & 0xffff) == BOOT_FLAG_VALUE, "no boot flag 0xAA55 at 0x1FE");
        require(bytes.getInt(HEADER) == HEADER_MAGIC, "no \"HdrS\" signature at 0x202");
        int version = bytes.getShort(VERSION) & 0xffff;
        require(version >= 0x200, String.format("boot protocol %d.%02d is older than 2.00", version >> 8, version & 0xff));
        int headerEnd = version >= 0x20a ? INIT_SIZE + 4 : version >= 0x208 ? PAYLOAD_LENGTH + 4
                : version >= 0x206 ? CMDLINE_SIZE + 4 : version >= 0x203 ? INITRD_ADDR_MAX + 4 : LOADFLAGS + 1;
        require(available >= headerEnd, "header truncated at " + available + " bytes (boot protocol "
                + (version >> 8) + "." + String.format("%02d", version & 0xff) + " needs " + headerEnd + ")");

        int setupSects = bytes.get(SETUP_SECTS) & 0xff;
        if (setupSects == 0) {
            setupSects = 4;
        }
        long setupBytes = (setupSects + 1L) * 512;
        require(imageSize > setupBytes, "setup code of " + setupBytes + " bytes (setup_sects " + setupSects
                + ") leaves no kernel in an image of " + imageSize + " bytes");
        long cmdlineSize = version >= 0x206 ? bytes.getInt(CMDLINE_SIZE) & 0xffffffffL : DEFAULT_CMDLINE_SIZE;
        long initrdAddrMax = version >= 0x203 ? bytes.getInt(INITRD_ADDR_MAX) & 0xffffffffL : DEFAULT_INITRD_ADDR_MAX;
        String kernelVersion = kernelVersion(bytes, bytes.getShort(KERNEL_VERSION) & 0xffff, setupBytes, available);
        // syssize is 16 bits wide before protocol 2.04
        long paragraphs = version >= 0x204 ? bytes.getInt(SYSSIZE) & 0xffffffffL : bytes.getShort(SYSSIZE) & 0xffff;
        long payloadOffset = version >= 0x208 ? bytes.getInt(PAYLOAD_OFFSET) & 0xffffffffL : 0;
        long payloadLength = version >= 0x208 ? bytes.getInt(PAYLOAD_LENGTH) & 0xffffffffL : 0;
        int xloadflags = version >= 0x20c ? bytes.getShort(XLOADFLAGS) & 0xffff : 0;
        long prefAddress = version >= 0x20a ? bytes.getLong(PREF_ADDRESS) : DEFAULT_LOAD_ADDRESS;
        long initSize = version >= 0x20a ? bytes.getInt(INIT_SIZE) & 0xffffffffL : 0;
        return new BzImageHeader(version, setupSects, bytes.get(LOADFLAGS) & 0xff, cmdlineSize, initrdAddrMax,
                kernelVersion, paragraphs * 16, payloadOffset, payloadLength, xloadflags, prefAddress, initSize);
    }

    /** The NUL-terminated string at {@code offset + 0x200}, which must lie within the setup code. */
    private static String kernelVersion(ByteBuffer bytes, int offset, long setupBytes, int available)
            throws JpxeException {
        if (offset == 0) {
            return "";
        }
        long start = offset + 0x200L;
        require(start < setupBytes, String.format("kernel_version offset 0x%x points outside the %d bytes of setup code",
                offset, setupBytes));
        require(start < available, "image truncated before the kernel version string at 0x" + Long.toHexString(start));
        StringBuilder version = new StringBuilder();
        for (long at = start; ; at++) {
            require(at < Math.min(setupBytes, available) && version.length() < MAX_VERSION_LENGTH,
                    "kernel version string at 0x" + Long.toHexString(start) + " is not NUL-terminated within " + MAX_VERSION_LENGTH + " bytes");
            int b = bytes.get((int) at) & 0xff;
            if (b == 0) {
                return version.toString();
            }
            version.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
    }

    private static void require(boolean condition, String problem) throws JpxeException {
        if (!condition) {
            throw new JpxeException(Errno.ENOEXEC, problem);
        }
    }
}
