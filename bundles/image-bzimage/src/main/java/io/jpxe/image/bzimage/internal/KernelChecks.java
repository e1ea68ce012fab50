package io.jpxe.image.bzimage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.image.Image;

/**
 * What {@code boot} checks of a bzImage and what goes with it before anything reaches a boot
 * executor, so that bad input gives a clear message instead of a kernel that hangs or a kexec that
 * fails without saying why: the kernel is complete (the header's sizes fit in the file), its payload
 * is compressed data Linux can decompress, the command line fits, and the initrds fit below the
 * kernel's initrd address limit.
 *
 * <p>Stateless; every method reads only the images it is given.
 */
final class KernelChecks {
    /** iPXE places each initrd on a 4 KiB boundary ({@code INITRD_ALIGN}); executors do the same. */
    static final long INITRD_ALIGN = 4096;
    /**
     * Room counted for the cpio headers that name an initrd inside the archive ({@code initrd x
     * /etc/x}): one header of 110 bytes plus the name per path component; a page is more than any
     * sensible path needs.
     */
    static final long CPIO_ALLOWANCE = 4096;
    /** Bzip2's "BZh", gzip, LZMA's usual properties byte, xz, LZO, LZ4's legacy frame, zstd, ELF. */
    private static final List<Signature> PAYLOADS = List.of(
            new Signature("gzip", 0x1f, 0x8b), new Signature("bzip2", 'B', 'Z', 'h'),
            new Signature("LZMA", 0x5d, 0x00, 0x00), new Signature("xz", 0xfd, '7', 'z', 'X', 'Z', 0x00),
            new Signature("LZO", 0x89, 'L', 'Z', 'O'), new Signature("LZ4", 0x02, 0x21, 0x4c, 0x18),
            new Signature("zstd", 0x28, 0xb5, 0x2f, 0xfd), new Signature("uncompressed ELF", 0x7f, 'E', 'L', 'F'));
    /** The build rounds syssize up to whole 16-byte paragraphs, so a file may be this much shorter. */
    private static final long PARAGRAPH_SLACK = 15;

    private record Signature(String name, int... bytes) {
        boolean matches(ByteBuffer head) {
            if (head.limit() < bytes.length) {
                return false;
            }
            for (int i = 0; i < bytes.length; i++) {
                if ((head.get(i) & 0xff) != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private KernelChecks() {
    }

    /**
     * Fails if the file is shorter than its header says (a truncated download), or if the payload is
     * not compressed data any Linux decompressor reads (a corrupt kernel).
     *
     * @throws JpxeException {@code ENOEXEC} naming what is missing or wrong
     */
    static void checkComplete(Image kernel, BzImageHeader header) throws JpxeException, IOException {
        long size = kernel.size();
        long setup = header.setupBytes();
        if (header.syssize() > 0 && size + PARAGRAPH_SLACK < setup + header.syssize()) {
            throw new JpxeException(Errno.ENOEXEC, kernel.name() + ": truncated kernel: the header says "
                    + setup + " bytes of setup code and " + header.syssize() + " bytes of kernel (syssize), "
                    + (setup + header.syssize()) + " in all, but the image has only " + size + " bytes");
        }
        if (header.payloadLength() == 0) {
            return;
        }
        long payloadStart = setup + header.payloadOffset();
        if (payloadStart + header.payloadLength() > size) {
            throw new JpxeException(Errno.ENOEXEC, kernel.name() + ": truncated kernel: its compressed payload of "
                    + header.payloadLength() + " bytes at offset " + payloadStart + " ends past the image's "
                    + size + " bytes");
        }
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(8, header.payloadLength()));
        while (head.hasRemaining() && kernel.read(payloadStart + head.position(), head) > 0) {
            // read() may return fewer bytes than asked
        }
        head.flip();
        if (PAYLOADS.stream().noneMatch(signature -> signature.matches(head))) {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < head.limit(); i++) {
                hex.append(String.format("%02x", head.get(i) & 0xff));
            }
            throw new JpxeException(Errno.ENOEXEC, kernel.name() + ": corrupt kernel: its payload at offset "
                    + payloadStart + " starts with " + hex + ", which is none of the formats Linux decompresses ("
                    + String.join(", ", PAYLOADS.stream().map(Signature::name).toList()) + ")");
        }
    }

    /** Fails with {@code E2BIG} if {@code commandLine} is longer than the kernel accepts. */
    static void checkCommandLine(Image kernel, BzImageHeader header, String commandLine) throws JpxeException {
        int length = commandLine.getBytes(StandardCharsets.UTF_8).length;
        if (length > header.cmdlineSize()) {
            throw new JpxeException(Errno.E2BIG, kernel.name() + ": command line of " + length
                    + " bytes is longer than the " + header.cmdlineSize() + " bytes this kernel accepts (boot protocol "
                    + header.protocol() + ")");
        }
    }

    /**
     * Fails with {@code E2BIG} if the initrds cannot lie between the end of the kernel and its
     * {@code initrd_addr_max}, counted conservatively: each initrd rounded up to 4 KiB, with room for
     * its cpio name if it has one; the kernel from its load address ({@code pref_address}, else 1 MiB)
     * for {@code init_size} bytes (else its file size). A kernel that takes initrds above 4 GiB
     * ({@code XLF_CAN_BE_LOADED_ABOVE_4G}) has no such limit.
     */
    static void checkInitrdsFit(Image kernel, BzImageHeader header, List<Image> initrds) throws JpxeException {
        if (initrds.isEmpty() || (header.xloadflags() & BzImageHeader.XLF_CAN_BE_LOADED_ABOVE_4G) != 0) {
            return;
        }
        long needed = 0;
        for (Image initrd : initrds) {
            long bytes = initrd.size() + (initrd.commandLine().isBlank() ? 0 : CPIO_ALLOWANCE);
            needed += (bytes + INITRD_ALIGN - 1) / INITRD_ALIGN * INITRD_ALIGN;
        }
        long loadAddress = header.prefAddress() > 0 ? header.prefAddress() : BzImageHeader.DEFAULT_LOAD_ADDRESS;
        long kernelEnd = loadAddress + Math.max(header.initSize(), kernel.size() - header.setupBytes());
        long room = header.initrdAddrMax() + 1 - kernelEnd;
        if (needed > room) {
            throw new JpxeException(Errno.E2BIG, String.format(
                    "%s: %d initrd%s of %s need %s below the kernel's initrd limit (initrd_addr_max 0x%x, boot protocol %s), "
                            + "but only %s lie between the end of the kernel at 0x%x and that limit",
                    kernel.name(), initrds.size(), initrds.size() == 1 ? "" : "s", sizes(initrds), mib(needed),
                    header.initrdAddrMax(), header.protocol(), mib(Math.max(room, 0)), kernelEnd));
        }
    }

    private static String sizes(List<Image> initrds) {
        return String.join(" + ", initrds.stream().map(i -> i.name() + " " + mib(i.size())).toList());
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
