package io.jpxe.image.detect.internal;

import java.io.IOException;
import java.util.Optional;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageType;

/**
 * An image format that Linux kexec cannot boot (iPXE boots it from firmware): recognised so that
 * {@code imgstat} names it and {@code kernel} accepts it as iPXE would, and refused by {@code boot}
 * with {@code ENOEXEC} and a message saying what it is and where it can be booted, e.g.
 * {@code memtest.efi: EFI application (x86-64): this loader boots Linux bzImage kernels through kexec;
 * EFI applications need UEFI firmware (boot them from iPXE or the firmware)}.
 *
 * <p>These types are registered with a negative {@code service.ranking}, so that a format that can
 * boot wins when an image is both (a bzImage with an EFI stub is also an EFI application).
 * Subclasses only describe their format. Stateless and thread-safe.
 */
abstract class ForeignImageType implements ImageType {
    static final String WHAT_BOOTS = "this loader boots Linux bzImage kernels through kexec";

    /**
     * What {@code image} is, if it is of this format ("EFI application (x86-64)"); never fails for
     * malformed input.
     */
    abstract Optional<String> describe(Image image) throws IOException;

    /** Where an image of this format can be booted instead, as the end of the refusal message. */
    abstract String advice();

    @Override
    public final boolean probe(Image image) throws IOException {
        return describe(image).isPresent();
    }

    /**
     * {@code true}: an image of this type is a boot target ({@code kernel} selects it, as iPXE does);
     * it is {@link #execute} that says it cannot boot here.
     */
    @Override
    public final boolean isExecutable() {
        return true;
    }

    @Override
    public final void execute(Image image, CommandContext context) throws JpxeException {
        String description;
        try {
            description = describe(image).orElse(name() + " image");
        } catch (IOException e) {
            description = name() + " image";
        }
        throw new JpxeException(Errno.ENOEXEC, image.name() + ": " + description + ": " + WHAT_BOOTS + "; " + advice());
    }
}
