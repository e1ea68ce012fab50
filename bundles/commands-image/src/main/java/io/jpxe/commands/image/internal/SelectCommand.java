package io.jpxe.commands.image.internal;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;

/**
 * {@code imgselect} and its aliases {@code kernel} and {@code imgload}: acquire an image (an existing
 * one by name, else a download) and mark it {@code SELECTED} for {@code boot}. Only images of a
 * recognised type can be selected; whether that type can really run is checked again by {@code boot}.
 */
abstract class SelectCommand extends SingleImageCommand {

    SelectCommand(String name, ImageManager images) {
        super(name, images, 1, "<uri|image> [<arguments>...]", "Select an image for booting");
    }

    @Override
    void act(Image image, ParsedCommand args, CommandContext context) throws JpxeException {
        if (image.type().isEmpty()) {
            throw new JpxeException(Errno.ENOEXEC, "Could not select: " + image.name() + ": not an executable image (unrecognised format)");
        }
        images.select(image);
    }
}
