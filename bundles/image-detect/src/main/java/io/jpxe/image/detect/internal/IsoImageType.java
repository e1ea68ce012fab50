package io.jpxe.image.detect.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageType;
import io.jpxe.api.image.JpxeImageType;

/**
 * ISO9660 CD images (ECMA-119): the standard identifier {@code CD001} in the first volume descriptor,
 * at byte 32769 (sector 16 of 2048 bytes, after its type byte). The description names the volume and
 * says whether an El Torito boot record follows (sector 17).
 */
@Component(service = ImageType.class, property = "service.ranking:Integer=-100")
@JpxeImageType(IsoImageType.NAME)
public final class IsoImageType extends ForeignImageType {
    static final String NAME = "ISO9660";
    static final int DESCRIPTORS = 16 * 2048;
    private static final int SECTOR = 2048;
    private static final int VOLUME_ID = 40;
    private static final int VOLUME_ID_LENGTH = 32;
    private static final String EL_TORITO = "EL TORITO SPECIFICATION";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Optional<String> describe(Image image) throws IOException {
        if (image.size() < DESCRIPTORS + 2 * SECTOR) {
            return Optional.empty();
        }
        ByteBuffer sectors = ByteBuffer.allocate(2 * SECTOR);
        while (sectors.hasRemaining() && image.read(DESCRIPTORS + sectors.position(), sectors) > 0) {
            // read() may return fewer bytes than asked
        }
        sectors.flip();
        if (!Prefix.hasText(sectors, 1, "CD001")) {
            return Optional.empty();
        }
        StringBuilder description = new StringBuilder("ISO9660 CD image");
        if (sectors.get(0) == 1) { // the primary volume descriptor names the volume
            byte[] id = new byte[VOLUME_ID_LENGTH];
            sectors.get(VOLUME_ID, id);
            String volume = new String(id, StandardCharsets.US_ASCII).trim().replaceAll("[^\\x20-\\x7e]", "?");
            if (!volume.isEmpty()) {
                description.append(" (volume \"").append(volume).append("\")");
            }
        }
        if (sectors.get(SECTOR) == 0 && Prefix.hasText(sectors, SECTOR + 1, "CD001")
                && Prefix.hasText(sectors, SECTOR + 7, EL_TORITO)) {
            description.append(", El Torito bootable");
        }
        return Optional.of(description.toString());
    }

    @Override
    String advice() {
        return "a CD image must be booted by the firmware or a SAN boot (iPXE's sanboot); "
                + "to boot the Linux on it, fetch its kernel and initrd instead";
    }
}
