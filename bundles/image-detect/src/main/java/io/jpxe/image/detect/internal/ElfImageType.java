package io.jpxe.image.detect.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageType;
import io.jpxe.api.image.JpxeImageType;

/**
 * ELF images ({@code \x7fELF}, 32 or 64 bit): an uncompressed {@code vmlinux}, a bare-metal program,
 * a Linux executable. iPXE boots some with {@code elfboot}; kexec_file_load takes only bzImages.
 * Multiboot kernels, which are often ELF too, are told apart first by {@link MultibootImageType}.
 */
@Component(service = ImageType.class, property = "service.ranking:Integer=-100")
@JpxeImageType(ElfImageType.NAME)
public final class ElfImageType extends ForeignImageType {
    static final String NAME = "ELF";
    private static final int HEADER = 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Optional<String> describe(Image image) throws IOException {
        ByteBuffer bytes = Prefix.read(image, HEADER);
        if (!Prefix.hasText(bytes, 0, "\u007fELF") || bytes.limit() < HEADER) {
            return Optional.empty();
        }
        int elfClass = bytes.get(4);
        int encoding = bytes.get(5);
        if ((elfClass != 1 && elfClass != 2) || (encoding != 1 && encoding != 2)) {
            return Optional.empty();
        }
        bytes.order(encoding == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        String kind = switch (Prefix.u16(bytes, 16)) {
            case 1 -> "relocatable object";
            case 2 -> "executable";
            case 3 -> "shared object";
            case 4 -> "core dump";
            default -> "file";
        };
        return Optional.of("ELF " + (elfClass == 1 ? 32 : 64) + "-bit " + kind + " (" + machine(Prefix.u16(bytes, 18)) + ")");
    }

    private static String machine(int machine) {
        return switch (machine) {
            case 0x03 -> "i386";
            case 0x3e -> "x86-64";
            case 0x28 -> "ARM";
            case 0xb7 -> "AArch64";
            case 0xf3 -> "RISC-V";
            default -> String.format("machine 0x%x", machine);
        };
    }

    @Override
    String advice() {
        return "an ELF image (such as an uncompressed vmlinux) cannot be booted here; use the bzImage (vmlinuz) built with it";
    }
}
