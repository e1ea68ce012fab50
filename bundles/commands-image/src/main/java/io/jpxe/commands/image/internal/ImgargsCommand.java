package io.jpxe.commands.image.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;

/**
 * {@code imgargs [--name <name>] [--timeout <ms>] [--autofree] [--quiet] <uri|image> [<arguments>...]}:
 * replaces the image's command line by the arguments (clears it when there are none), acquiring the
 * image first like {@code kernel} does.
 */
@Component(service = Command.class)
@JpxeCommand("imgargs")
public final class ImgargsCommand extends SingleImageCommand {

    @Activate
    public ImgargsCommand(@Reference(name = "images") ImageManager images) {
        super("imgargs", images, 1, "<uri|image> [<arguments>...]", "Set an image's command line");
    }

    @Override
    boolean replacesCommandLine() {
        return true;
    }

    @Override
    void act(Image image, ParsedCommand args, CommandContext context) {
        // setting the command line is the whole command
    }
}
