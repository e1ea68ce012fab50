package io.jpxe.commands.image.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.image.ImageManager;

/** {@code imgfetch [--name <name>] [--timeout <ms>] [--autofree] [--quiet] <uri> [<arguments>...]}: see {@link FetchCommand}. */
@Component(service = Command.class)
@JpxeCommand("imgfetch")
public final class ImgfetchCommand extends FetchCommand {

    @Activate
    public ImgfetchCommand(@Reference(name = "images") ImageManager images) {
        super("imgfetch", images);
    }
}
