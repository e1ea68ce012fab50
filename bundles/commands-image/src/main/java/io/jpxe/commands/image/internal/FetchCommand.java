package io.jpxe.commands.image.internal;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.image.FetchOptions;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;

/**
 * {@code imgfetch} and its aliases {@code module} and {@code initrd}: download {@code <uri>} and
 * register it, always (even if an image of that name exists: the new one replaces it).
 */
abstract class FetchCommand extends SingleImageCommand {

    FetchCommand(String name, ImageManager images) {
        super(name, images, 1, "<uri> [<arguments>...]", "Download an image");
    }

    @Override
    Image obtain(String uri, FetchOptions options, CommandContext context) throws JpxeException {
        return images.fetch(images.resolve(uri), options, context);
    }

    @Override
    void act(Image image, ParsedCommand args, CommandContext context) {
        // downloading and registering is the whole command
    }
}
