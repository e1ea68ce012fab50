package io.jpxe.image.bzimage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

class BzImageHeaderTest {

    private static BzImageHeader parse(byte[] image) throws JpxeException {
        return BzImageHeader.parse(ByteBuffer.wrap(image), image.length);
    }

    private static String rejection(byte[] image) {
        JpxeException e = assertThrows(JpxeException.class, () -> parse(image));
        assertEquals(Errno.ENOEXEC, e.errno());
        return e.getMessage();
    }

    @Test
    void parsesAModernHeader() throws JpxeException {
        SyntheticKernel kernel = new SyntheticKernel();

        BzImageHeader header = parse(kernel.build());

        assertEquals(0x020f, header.protocolVersion());
        assertEquals("2.15", header.protocol());
        assertEquals(27, header.setupSects());
        assertEquals(28 * 512, header.setupBytes());
        assertEquals(2047, header.cmdlineSize());
        assertEquals(0x7fffffffL, header.initrdAddrMax());
        assertEquals(kernel.kernelVersion, header.kernelVersion());
        assertEquals(List.of("boot_protocol", "kernel_version", "setup_sects", "loadflags", "cmdline_size",
                "initrd_addr_max", "xloadflags", "pref_address", "init_size"), List.copyOf(header.details().keySet()));
        assertEquals("0x7fffffff", header.details().get("initrd_addr_max"));
        assertEquals(4096, header.syssize());
        assertEquals(0x100, header.payloadOffset());
        assertEquals(1024, header.payloadLength());
        assertEquals(0x03, header.xloadflags());
        assertEquals(0x1000000, header.prefAddress());
        assertEquals(0x2000000, header.initSize());
        assertEquals("0x03", header.details().get("xloadflags"));
    }

    @Test
    void zeroSetupSectorsMeansFour() throws JpxeException {
        SyntheticKernel kernel = new SyntheticKernel();
        kernel.setupSects = 0;
        kernel.kernelVersionOffset = 0x100;
        assertEquals(4, parse(kernel.build()).setupSects());
    }

    @Test
    void olderProtocolsGetTheDocumentedDefaults() throws JpxeException {
        SyntheticKernel v205 = new SyntheticKernel();
        v205.version = 0x0205;
        v205.cmdlineSize = 4096; // not part of a 2.05 header: must be ignored
        BzImageHeader header = parse(v205.build());
        assertEquals(255, header.cmdlineSize());
        assertEquals(0x7fffffffL, header.initrdAddrMax());

        SyntheticKernel v202 = new SyntheticKernel();
        v202.version = 0x0202;
        v202.kernelVersion = null;
        header = parse(v202.build());
        assertEquals(0x37ffffffL, header.initrdAddrMax());
        assertEquals("", header.kernelVersion());
        assertFalse(header.details().containsKey("kernel_version"));
    }

    @Test
    void rejectsImagesWithoutTheSignature() {
        byte[] noBootFlag = new SyntheticKernel().build();
        noBootFlag[BzImageHeader.BOOT_FLAG] = 0;
        assertTrue(rejection(noBootFlag).contains("0xAA55"));

        byte[] noHdrS = new SyntheticKernel().build();
        noHdrS[BzImageHeader.HEADER] = 'X';
        assertTrue(rejection(noHdrS).contains("HdrS"));
        assertFalse(BzImageHeader.hasSignature(ByteBuffer.wrap(noHdrS)));

        assertTrue(rejection(new byte[100]).contains("too short"));
        assertTrue(rejection("#!ipxe\nchain http://x/y\n".getBytes()).contains("too short"));
    }

    @Test
    void rejectsProtocolsBefore200() {
        SyntheticKernel kernel = new SyntheticKernel();
        kernel.version = 0x0104;
        assertTrue(rejection(kernel.build()).contains("1.04 is older than 2.00"));
    }

    @Test
    void rejectsTruncatedImages() {
        byte[] full = new SyntheticKernel().build();
        assertTrue(rejection(Arrays.copyOf(full, 0x220)).contains("header truncated"));
        String message = rejection(Arrays.copyOf(full, 28 * 512));
        assertTrue(message.contains("leaves no kernel"), message);
    }

    @Test
    void rejectsABadKernelVersionPointer() {
        SyntheticKernel outside = new SyntheticKernel();
        outside.kernelVersion = null;
        byte[] image = outside.build();
        ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putShort(BzImageHeader.KERNEL_VERSION, (short) 0x7000);
        assertTrue(rejection(image).contains("points outside"));

        SyntheticKernel unterminated = new SyntheticKernel();
        unterminated.kernelVersion = "x".repeat(300);
        assertTrue(rejection(unterminated.build()).contains("not NUL-terminated"));
    }

    @Test
    void nonPrintableVersionBytesAreShownSafely() throws JpxeException {
        SyntheticKernel kernel = new SyntheticKernel();
        kernel.kernelVersion = "6.1\u0007bell";
        assertEquals("6.1?bell", parse(kernel.build()).kernelVersion());
    }

    @Test
    void detailsFormatLimits() throws JpxeException {
        Map<String, String> details = parse(new SyntheticKernel().build()).details();
        assertEquals("2.15", details.get("boot_protocol"));
        assertEquals("2047", details.get("cmdline_size"));
        assertEquals("27", details.get("setup_sects"));
        assertEquals("0x01", details.get("loadflags"));
    }
}
