package io.jpxe.image.detect.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageType;
import io.jpxe.api.image.JpxeImageType;

/**
 * EFI executables: a PE/COFF image ({@code MZ}, the PE header at {@code e_lfanew}, an optional header
 * of PE32 or PE32+) whose subsystem is an EFI application, boot service or runtime driver, or EFI ROM
 * (10 to 13). A Linux bzImage with an EFI stub is such an image too; the bzImage type outranks this
 * one (ranking -100), so only images that are EFI programs and nothing bootable get this type.
 */
@Component(service = ImageType.class, property = "service.ranking:Integer=-100")
@JpxeImageType(EfiImageType.NAME)
public final class EfiImageType extends ForeignImageType {
    static final String NAME = "EFI";
    private static final int E_LFANEW = 0x3c;
    /** Where the PE header may start: DOS stubs are small, and PE files put it in the first page. */
    private static final int READ = 4096;
    private static final int COFF_HEADER = 20;
    private static final int SUBSYSTEM = 68;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Optional<String> describe(Image image) throws IOException {
        ByteBuffer bytes = Prefix.read(image, READ);
        if (!Prefix.hasText(bytes, 0, "MZ")) {
            return Optional.empty();
        }
        long pe = Prefix.u32(bytes, E_LFANEW);
        if (pe < 0x40 || pe > READ - COFF_HEADER - 4 - SUBSYSTEM - 2 || !Prefix.hasText(bytes, (int) pe, "PE\0\0")) {
            return Optional.empty();
        }
        int machine = Prefix.u16(bytes, pe + 4);
        long optional = pe + 4 + COFF_HEADER;
        int magic = Prefix.u16(bytes, optional);
        if (magic != 0x10b && magic != 0x20b) {
            return Optional.empty();
        }
        String program = switch (Prefix.u16(bytes, optional + SUBSYSTEM)) {
            case 10 -> "EFI application";
            case 11 -> "EFI boot service driver";
            case 12 -> "EFI runtime driver";
            case 13 -> "EFI ROM image";
            default -> null;
        };
        return Optional.ofNullable(program).map(p -> p + " (" + machine(machine) + ")");
    }

    private static String machine(int machine) {
        return switch (machine) {
            case 0x14c -> "i386";
            case 0x8664 -> "x86-64";
            case 0xaa64 -> "AArch64";
            case 0x1c2, 0x1c4 -> "ARM";
            case 0x5064 -> "RISC-V";
            default -> String.format("machine 0x%x", machine);
        };
    }

    @Override
    String advice() {
        return "EFI programs need UEFI firmware (boot them from iPXE or the firmware)";
    }
}
