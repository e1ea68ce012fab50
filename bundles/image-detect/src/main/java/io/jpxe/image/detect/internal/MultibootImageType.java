package io.jpxe.image.detect.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageType;
import io.jpxe.api.image.JpxeImageType;

/**
 * Multiboot kernels (Xen, memtest86+ 5, hobby and bare-metal systems), recognised by a valid header
 * as the specifications place it: Multiboot 1 ({@code 0x1BADB002}, 4-byte aligned in the first
 * 8 KiB, magic + flags + checksum = 0) or Multiboot 2 ({@code 0xE85250D6}, 8-byte aligned in the
 * first 32 KiB, magic + architecture + header length + checksum = 0). Probed before ELF (ranking -90).
 */
@Component(service = ImageType.class, property = "service.ranking:Integer=-90")
@JpxeImageType(MultibootImageType.NAME)
public final class MultibootImageType extends ForeignImageType {
    static final String NAME = "multiboot";
    static final long MB1_MAGIC = 0x1BADB002L;
    static final long MB2_MAGIC = 0xE85250D6L;
    static final int MB1_SEARCH = 8 * 1024;
    static final int MB2_SEARCH = 32 * 1024;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Optional<String> describe(Image image) throws IOException {
        ByteBuffer bytes = Prefix.read(image, MB2_SEARCH);
        for (int at = 0; at + 16 <= Math.min(bytes.limit(), MB2_SEARCH); at += 8) {
            if (Prefix.u32(bytes, at) == MB2_MAGIC && ((MB2_MAGIC + Prefix.u32(bytes, at + 4)
                    + Prefix.u32(bytes, at + 8) + Prefix.u32(bytes, at + 12)) & 0xffffffffL) == 0) {
                return Optional.of(String.format("multiboot kernel (Multiboot 2 header at 0x%x)", at));
            }
        }
        for (int at = 0; at + 12 <= Math.min(bytes.limit(), MB1_SEARCH); at += 4) {
            if (Prefix.u32(bytes, at) == MB1_MAGIC
                    && ((MB1_MAGIC + Prefix.u32(bytes, at + 4) + Prefix.u32(bytes, at + 8)) & 0xffffffffL) == 0) {
                return Optional.of(String.format("multiboot kernel (Multiboot header at 0x%x)", at));
            }
        }
        return Optional.empty();
    }

    @Override
    String advice() {
        return "multiboot kernels need a multiboot loader (boot them from iPXE or GRUB)";
    }
}
