package io.jpxe.commands.image.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.image.ImageManager;

/**
 * {@code initrd [--name <name>] [--timeout <ms>] [--autofree] [--quiet] <uri> [<path> [mode=<octal>] [mkdir=<n>]]}:
 * see {@link FetchCommand}. The arguments after the URI become the image's command line, which names
 * the file the initrd becomes inside the initramfs ({@link InitrdArguments}); they are checked before
 * the download starts.
 */
@Component(service = Command.class)
@JpxeCommand("initrd")
public final class InitrdCommand extends FetchCommand {

    @Activate
    public InitrdCommand(@Reference(name = "images") ImageManager images) {
        super("initrd", images);
    }

    @Override
    void checkArguments(ParsedCommand args) throws JpxeException {
        InitrdArguments.parse(args.argument(0), args.joinArguments(1));
    }
}
