package io.jpxe.image.bzimage.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.image.Image;
import io.jpxe.testkit.BytesImage;

/** The checks {@code boot} makes of a bzImage and its initrds, on synthetic kernels and Debian's. */
class KernelChecksTest {
    /** Built by tools/test-assets.sh; the tests that need it are skipped where it was not built. */
    private static final Path DEBIAN_KERNEL = Path.of("../../target/test-assets/vmlinuz");

    private static Image image(String name, byte[] bytes) {
        return new BytesImage(name, bytes);
    }

    private static BzImageHeader header(Image kernel) throws Exception {
        return BzImageType.header(kernel);
    }

    private static JpxeException completeness(Image kernel) throws Exception {
        BzImageHeader header = header(kernel);
        return assertThrows(JpxeException.class, () -> KernelChecks.checkComplete(kernel, header));
    }

    @Test
    void aCompleteKernelPasses() throws Exception {
        Image kernel = image("vmlinuz", new SyntheticKernel().build());
        assertDoesNotThrow(() -> KernelChecks.checkComplete(kernel, header(kernel)));
    }

    @Test
    void aKernelCutShortOfItsSyssizeIsTruncated() throws Exception {
        byte[] full = new SyntheticKernel().build();
        JpxeException e = completeness(image("vmlinuz", Arrays.copyOf(full, full.length - 100)));

        assertEquals(Errno.ENOEXEC, e.errno());
        assertEquals("vmlinuz: truncated kernel: the header says 14336 bytes of setup code and 4096 bytes of kernel"
                + " (syssize), 18432 in all, but the image has only 18332 bytes", e.getMessage());
    }

    @Test
    void syssizeRoundedUpToAParagraphIsNotTruncation() throws Exception {
        SyntheticKernel kernel = new SyntheticKernel();
        kernel.kernelBytes = 4096 - 7; // syssize rounds up: iPXE's own .lkrn is 7 bytes short of it
        Image image = image("ipxe.lkrn", kernel.build());
        assertDoesNotThrow(() -> KernelChecks.checkComplete(image, header(image)));
    }

    @Test
    void aPayloadPastTheEndIsTruncated() throws Exception {
        SyntheticKernel kernel = new SyntheticKernel();
        kernel.syssizeBytes = 0; // a header that states no size: only the payload tells
        kernel.payloadLength = 8192;
        JpxeException e = completeness(image("vmlinuz", kernel.build()));
        assertTrue(e.getMessage().startsWith("vmlinuz: truncated kernel: its compressed payload of 8192 bytes"),
                e.getMessage());
    }

    @Test
    void aPayloadThatIsNoCompressedDataIsCorrupt() throws Exception {
        SyntheticKernel kernel = new SyntheticKernel();
        kernel.payloadMagic = new byte[] {1, 2, 3, 4};
        JpxeException e = completeness(image("vmlinuz", kernel.build()));
        assertEquals(Errno.ENOEXEC, e.errno());
        assertTrue(e.getMessage().startsWith("vmlinuz: corrupt kernel: its payload at offset 14592 starts with 0102030400000000"),
                e.getMessage());
    }

    @Test
    void everyPayloadFormatLinuxBuildsIsAccepted() throws Exception {
        for (byte[] magic : List.of(new byte[] {0x1f, (byte) 0x8b}, "BZh".getBytes(), new byte[] {0x5d, 0, 0},
                new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, new byte[] {(byte) 0x89, 'L', 'Z', 'O'},
                new byte[] {0x02, 0x21, 0x4c, 0x18}, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd},
                new byte[] {0x7f, 'E', 'L', 'F'})) {
            SyntheticKernel kernel = new SyntheticKernel();
            kernel.payloadMagic = magic;
            Image image = image("vmlinuz", kernel.build());
            assertDoesNotThrow(() -> KernelChecks.checkComplete(image, header(image)), Arrays.toString(magic));
        }
    }

    @Test
    void commandLineLimitCountsUtf8Bytes() throws Exception {
        SyntheticKernel small = new SyntheticKernel();
        small.cmdlineSize = 4;
        Image kernel = image("vmlinuz", small.build());
        BzImageHeader header = header(kernel);

        assertDoesNotThrow(() -> KernelChecks.checkCommandLine(kernel, header, "abcd"));
        JpxeException e = assertThrows(JpxeException.class, () -> KernelChecks.checkCommandLine(kernel, header, "abc\u00e9"));
        assertEquals(Errno.E2BIG, e.errno());
    }

    /** A kernel that must have its initrds below 16 MiB + 0x100000: 32-bit, no above-4G flag. */
    private static Image lowKernel() {
        SyntheticKernel kernel = new SyntheticKernel();
        kernel.xloadflags = 0;
        kernel.prefAddress = 0x100000;
        kernel.initSize = 0x100000; // the kernel ends at 2 MiB
        kernel.initrdAddrMax = 0x10ffffff; // 16 MiB after it: 271 MiB - 1
        return image("vmlinuz", kernel.build());
    }

    /** An initrd of {@code size} bytes that holds none: the limit check reads only sizes and names. */
    private static Image sized(String name, long size) {
        return BytesImage.sized(name, size);
    }

    @Test
    void initrdsThatFitBelowTheLimitPass() throws Exception {
        Image kernel = lowKernel();
        BzImageHeader header = header(kernel);
        // 270 MiB of room: 200 MiB + 60 MiB fits, and one byte past 270 MiB does not
        assertDoesNotThrow(() -> KernelChecks.checkInitrdsFit(kernel, header,
                List.of(sized("a", 200 << 20), sized("b", 60 << 20))));
        assertDoesNotThrow(() -> KernelChecks.checkInitrdsFit(kernel, header, List.of(sized("exact", 270 << 20))));
        assertThrows(JpxeException.class, () -> KernelChecks.checkInitrdsFit(kernel, header,
                List.of(sized("over", (270 << 20) + 1))));
    }

    @Test
    void initrdsTooLargeForTheKernelsLimitFailBeforeBooting() throws Exception {
        Image kernel = lowKernel();
        BzImageHeader header = header(kernel);

        JpxeException e = assertThrows(JpxeException.class, () -> KernelChecks.checkInitrdsFit(kernel, header,
                List.of(sized("initrd.img", 200 << 20), sized("modules.img", 80 << 20))));

        assertEquals(Errno.E2BIG, e.errno());
        assertEquals("vmlinuz: 2 initrds of initrd.img 200.0 MiB + modules.img 80.0 MiB need 280.0 MiB below the"
                + " kernel's initrd limit (initrd_addr_max 0x10ffffff, boot protocol 2.15), but only 270.0 MiB lie"
                + " between the end of the kernel at 0x200000 and that limit", e.getMessage());
    }

    @Test
    void eachInitrdIsCountedPageAlignedAndWithRoomForItsCpioName() throws Exception {
        Image kernel = lowKernel();
        BzImageHeader header = header(kernel);
        // 270 MiB of room = 69120 pages; 69120 one-byte initrds take one page each and fit...
        Image tiny = sized("tiny", 1);
        assertDoesNotThrow(() -> KernelChecks.checkInitrdsFit(kernel, header, java.util.Collections.nCopies(69120, tiny)));
        // ...but a named one (cpio header) takes two
        Image named = sized("a.conf", 4096);
        named.commandLine("/etc/a.conf mode=0600");
        assertThrows(JpxeException.class, () -> KernelChecks.checkInitrdsFit(kernel, header, java.util.Collections.nCopies(34561, named)));
    }

    @Test
    void aKernelThatTakesInitrdsAbove4GiBHasNoHeaderLimit() throws Exception {
        Image kernel = image("vmlinuz", new SyntheticKernel().build()); // XLF_CAN_BE_LOADED_ABOVE_4G
        assertDoesNotThrow(() -> KernelChecks.checkInitrdsFit(kernel, header(kernel), List.of(sized("huge", 3L << 30))));
    }

    @Test
    void debiansKernelPassesEveryCheck() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(DEBIAN_KERNEL), "run tools/test-assets.sh first");
        Image kernel = image("vmlinuz", Files.readAllBytes(DEBIAN_KERNEL));
        BzImageHeader header = header(kernel);

        assertDoesNotThrow(() -> KernelChecks.checkComplete(kernel, header));
        assertTrue(header.payloadLength() > 1_000_000);
        assertEquals(BzImageHeader.XLF_CAN_BE_LOADED_ABOVE_4G,
                header.xloadflags() & BzImageHeader.XLF_CAN_BE_LOADED_ABOVE_4G);
    }

    @Test
    void debiansKernelCutShortIsTruncatedAndCorruptedIsCorrupt() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(DEBIAN_KERNEL), "run tools/test-assets.sh first");
        byte[] bytes = Files.readAllBytes(DEBIAN_KERNEL);

        JpxeException cut = completeness(image("vmlinuz", Arrays.copyOf(bytes, bytes.length / 2)));
        assertTrue(cut.getMessage().startsWith("vmlinuz: truncated kernel: the header says "), cut.getMessage());

        Image kernel = image("vmlinuz", bytes.clone());
        BzImageHeader header = header(kernel);
        int payload = (int) (header.setupBytes() + header.payloadOffset());
        byte[] corrupt = bytes.clone();
        Arrays.fill(corrupt, payload, payload + 8, (byte) 0);
        JpxeException bad = completeness(image("vmlinuz", corrupt));
        assertTrue(bad.getMessage().startsWith("vmlinuz: corrupt kernel: "), bad.getMessage());
    }
}
