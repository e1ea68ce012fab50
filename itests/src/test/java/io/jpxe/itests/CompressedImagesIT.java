package io.jpxe.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.airlift.compress.zstd.ZstdOutputStream;

/**
 * Image types as a process of the exported jars against a real tftpd-hpa: Debian's kernel compressed
 * with gzip, xz and zstd is extracted (imgextract) and booted ({@code chain}, {@code kernel} +
 * {@code boot}) into a plan with the kernel's own SHA-256; a truncated archive, an EFI program and a
 * cut-short kernel are refused with messages naming them; an initrd keeps its path in the initramfs.
 */
class CompressedImagesIT {
    private static TftpdHpa tftpd;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serve() throws Exception {
        byte[] kernel = Files.readAllBytes(TestAssets.kernel());
        tftpd = TftpdHpa.start();
        tftpd.put("vmlinuz.gz", compress(kernel, "gz"));
        tftpd.put("vmlinuz.xz", compress(kernel, "xz"));
        tftpd.put("vmlinuz.zst", compress(kernel, "zst"));
        byte[] xz = compress(kernel, "xz");
        tftpd.put("cut.xz", Arrays.copyOf(xz, xz.length / 2));
        tftpd.put("short-vmlinuz", Arrays.copyOf(kernel, kernel.length / 2));
        tftpd.put("memtest.efi", efiApplication());
        tftpd.put("initrd.img", TestAssets.initrd());
        tftpd.put("extract.ipxe", """
                #!ipxe
                imgfetch vmlinuz.gz
                imgextract vmlinuz.gz
                imgstat vmlinuz
                imgfree
                imgfetch memtest.efi
                imgstat memtest.efi
                boot memtest.efi || echo refused efi
                chain cut.xz || echo refused cut
                chain short-vmlinuz || echo refused short
                imgfree
                initrd initrd.img /boot/extra.img mode=0600
                kernel vmlinuz.zst console=ttyS0
                boot
                """.getBytes());
        tftpd.put("chain.ipxe", """
                #!ipxe
                chain vmlinuz.xz console=ttyS0 quiet
                """.getBytes());
    }

    @AfterAll
    static void stop() throws Exception {
        tftpd.close();
    }

    private static byte[] compress(byte[] data, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encoder = switch (format) {
            case "gz" -> new GZIPOutputStream(out);
            case "xz" -> new XZOutputStream(out, new LZMA2Options(1));
            default -> new ZstdOutputStream(out);
        }) {
            encoder.write(data);
        }
        return out.toByteArray();
    }

    /** The headers of a PE32+ EFI application for x86-64: all the detection reads. */
    private static byte[] efiApplication() {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z').putInt(0x3c, 0x80);
        b.put(0x80, (byte) 'P').put(0x81, (byte) 'E');
        b.putShort(0x84, (short) 0x8664).putShort(0x98, (short) 0x20b).putShort(0x98 + 68, (short) 10);
        return b.array();
    }

    @Test
    void extractsRefusesAndBootsThroughMinimalTftp() throws Exception {
        Path plan = tmp.resolve("plan.json");
        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "minimal-tftp", "run",
                tftpd.baseUri() + "extract.ipxe", "--boot=plan", "--plan-out", plan.toString());

        assertEquals(0, r.exitCode(), r::toString);
        long size = Files.size(TestAssets.kernel());
        assertTrue(r.stdout().contains("vmlinuz : " + size + " bytes [bzImage]"), r::toString);
        assertTrue(r.stdout().contains("memtest.efi : 4096 bytes [EFI]"), r::toString);
        assertTrue(r.stderr().contains("memtest.efi: EFI application (x86-64): this loader boots Linux bzImage kernels"
                + " through kexec; EFI programs need UEFI firmware"), r::toString);
        assertTrue(r.stderr().contains("xz archive \"cut.xz\" is truncated"), r::toString);
        assertTrue(r.stderr().contains("short-vmlinuz: truncated kernel: "), r::toString);
        for (String refused : new String[] {"refused efi", "refused cut", "refused short"}) {
            assertTrue(r.stdout().contains(refused), r::toString);
        }
        JsonNode json = new ObjectMapper().readTree(plan.toFile());
        JsonNode kernel = json.get("kernel");
        assertEquals("vmlinuz", kernel.get("name").asText());
        assertEquals(tftpd.baseUri() + "vmlinuz.zst", kernel.get("uri").asText());
        assertEquals(Sha256.of(TestAssets.kernel()), kernel.get("sha256").asText());
        assertEquals("console=ttyS0", json.get("cmdline").asText());
        JsonNode initrds = json.get("initrds");
        assertEquals(1, initrds.size(), json::toString);
        assertEquals("/boot/extra.img mode=0600", initrds.get(0).get("cmdline").asText());
    }

    @Test
    void chainOfAnXzKernelBootsItThroughStandard() throws Exception {
        Path plan = tmp.resolve("plan.json");
        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "standard", "run",
                tftpd.baseUri() + "chain.ipxe", "--boot=plan", "--plan-out", plan.toString());

        assertEquals(0, r.exitCode(), r::toString);
        assertFalse(r.stderr().contains("Exception"), r::toString);
        JsonNode kernel = new ObjectMapper().readTree(plan.toFile()).get("kernel");
        assertEquals(Sha256.of(TestAssets.kernel()), kernel.get("sha256").asText());
        assertEquals("bzImage", kernel.get("type").asText());
        assertEquals("console=ttyS0 quiet", kernel.get("cmdline").asText());
    }
}
