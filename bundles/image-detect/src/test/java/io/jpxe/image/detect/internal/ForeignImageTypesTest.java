package io.jpxe.image.detect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageType;
import io.jpxe.api.image.ImageWriter;
import io.jpxe.image.bzimage.internal.BzImageType;
import io.jpxe.images.internal.ImageManagerImpl;
import io.jpxe.images.internal.ImageStoreImpl;
import io.jpxe.testkit.RecordingContext;

/**
 * The detection types in the real store and manager, ranked as their components are: each format is
 * named on registration (what imgstat shows) and refused by boot with ENOEXEC and a message.
 */
class ForeignImageTypesTest {
    private static final Path DEBIAN_KERNEL = Path.of("../../target/test-assets/vmlinuz");

    private final ImageStoreImpl store = new ImageStoreImpl();
    private final ImageManagerImpl manager = new ImageManagerImpl(store, "plan");
    private final RecordingContext context = new RecordingContext();
    private long serviceId;

    @BeforeEach
    void types() {
        bind(new ElfImageType(), ElfImageType.NAME, -100);
        bind(new MultibootImageType(), MultibootImageType.NAME, -90);
        bind(new EfiImageType(), EfiImageType.NAME, -100);
        bind(new IsoImageType(), IsoImageType.NAME, -100);
    }

    private void bind(ImageType type, String name, int ranking) {
        Map<String, Object> properties = Map.of("jpxe.image.type", name, "service.ranking", ranking,
                "service.id", ++serviceId);
        store.bindType(type, properties);
        manager.bindType(type, properties);
    }

    @AfterEach
    void release() {
        new ArrayList<>(store.images()).forEach(store::unregister);
    }

    private Image register(String name, byte[] data) throws Exception {
        try (ImageWriter writer = store.create(name, URI.create("http://boot.example/" + name))) {
            writer.write(0, ByteBuffer.wrap(data));
            return writer.commit();
        }
    }

    private String refusal(Image image) {
        JpxeException e = assertThrows(JpxeException.class, () -> manager.execute(image, context));
        assertEquals(Errno.ENOEXEC, e.errno());
        return e.getMessage();
    }

    @Test
    void elfImagesOf32And64Bits() throws Exception {
        Image vmlinux = register("vmlinux", Samples.elf(2, 0x3e, 4096));
        Image program = register("prog.elf", Samples.elf(1, 0x03, 64));

        assertEquals(Optional.of("ELF"), vmlinux.type());
        assertEquals(Optional.of("ELF"), program.type());
        assertEquals("vmlinux: ELF 64-bit executable (x86-64): this loader boots Linux bzImage kernels through kexec;"
                + " an ELF image (such as an uncompressed vmlinux) cannot be booted here; use the bzImage (vmlinuz)"
                + " built with it", refusal(vmlinux));
        assertEquals(true, refusal(program).startsWith("prog.elf: ELF 32-bit executable (i386): "));
    }

    @Test
    void multibootHeadersWinOverElfWhereTheSpecificationsPutThem() throws Exception {
        Image xen = register("xen", Samples.multiboot2(Samples.elf(2, 0x3e, 40_000), 0x7ff0));
        Image memtest = register("memtest", Samples.multiboot1(new byte[10_000], 0x1ff4));
        Image tooDeep = register("deep", Samples.multiboot1(new byte[10_000], 0x1ffc)); // ends past 8 KiB
        Image misaligned = register("misaligned", Samples.multiboot2(new byte[10_000], 0x104));

        assertEquals(Optional.of("multiboot"), xen.type());
        assertEquals(Optional.of("multiboot"), memtest.type());
        assertEquals(Optional.empty(), tooDeep.type());
        assertEquals(Optional.empty(), misaligned.type());
        assertEquals("xen: multiboot kernel (Multiboot 2 header at 0x7ff0): this loader boots Linux bzImage kernels"
                + " through kexec; multiboot kernels need a multiboot loader (boot them from iPXE or GRUB)", refusal(xen));
        assertEquals(true, refusal(memtest).startsWith("memtest: multiboot kernel (Multiboot header at 0x1ff4): "));
    }

    @Test
    void aMultibootMagicWithABadChecksumIsNothing() throws Exception {
        byte[] bytes = Samples.multiboot1(new byte[1000], 0x40);
        bytes[0x48] ^= 1;
        assertEquals(Optional.empty(), register("almost", bytes).type());
    }

    @Test
    void efiApplicationsAndDriversButNotWindowsPrograms() throws Exception {
        Image app = register("memtest.efi", Samples.pe(10));
        Image driver = register("snp.efi", Samples.pe(11));
        Image windows = register("setup.exe", Samples.pe(3));

        assertEquals(Optional.of("EFI"), app.type());
        assertEquals(Optional.of("EFI"), driver.type());
        assertEquals(Optional.empty(), windows.type());
        assertEquals("memtest.efi: EFI application (x86-64): this loader boots Linux bzImage kernels through kexec;"
                + " EFI programs need UEFI firmware (boot them from iPXE or the firmware)", refusal(app));
        assertEquals(true, refusal(driver).startsWith("snp.efi: EFI boot service driver (x86-64): "));
    }

    @Test
    void aPeHeaderOutsideTheImageIsNothing() throws Exception {
        byte[] bytes = Samples.pe(10);
        ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0x3c, 0x7fffffff);
        assertEquals(Optional.empty(), register("broken.efi", bytes).type());
    }

    @Test
    void isoImagesNameTheirVolume() throws Exception {
        Image iso = register("debian.iso", Samples.iso("Debian 13 amd64"));

        assertEquals(Optional.of("ISO9660"), iso.type());
        assertEquals("debian.iso: ISO9660 CD image (volume \"Debian 13 amd64\"), El Torito bootable: this loader boots"
                + " Linux bzImage kernels through kexec; a CD image must be booted by the firmware or a SAN boot"
                + " (iPXE's sanboot); to boot the Linux on it, fetch its kernel and initrd instead", refusal(iso));
        assertEquals(Optional.empty(), register("short.iso", java.util.Arrays.copyOf(Samples.iso("X"), 33_000)).type());
    }

    @Test
    void anythingElseIsUnrecognised() throws Exception {
        Image initrd = register("initrd.img", "070701000000".getBytes());
        assertEquals(Optional.empty(), initrd.type());
        assertEquals(Optional.empty(), register("empty", new byte[0]).type());
    }

    @Test
    void aBzImageWithAnEfiStubIsABzImageWhereTheBzImageTypeIsPresent() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(DEBIAN_KERNEL), "run tools/test-assets.sh first");
        byte[] kernel = Files.readAllBytes(DEBIAN_KERNEL);

        assertEquals(Optional.of("EFI"), register("efi-only", kernel).type());
        bind(new BzImageType(store, manager), "bzImage", 0);
        assertEquals(Optional.of("bzImage"), register("vmlinuz", kernel).type());
    }

    @Test
    void debiansIpxeBinariesAreRecognised() throws Exception {
        Path efi = Path.of("/usr/lib/ipxe/ipxe.efi");
        Path iso = Path.of("/usr/lib/ipxe/ipxe.iso");
        Assumptions.assumeTrue(Files.isRegularFile(efi) && Files.isRegularFile(iso), "Debian's ipxe package");

        assertEquals(Optional.of("EFI"), register("ipxe.efi", Files.readAllBytes(efi)).type());
        assertEquals(Optional.of("ISO9660"), register("ipxe.iso", Files.readAllBytes(iso)).type());
    }
}
