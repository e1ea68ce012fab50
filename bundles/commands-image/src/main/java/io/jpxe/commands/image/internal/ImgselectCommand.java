package io.jpxe.commands.image.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.image.ImageManager;

/** {@code imgselect [--name <name>] [--timeout <ms>] [--autofree] [--quiet] <uri|image> [<arguments>...]}: see {@link SelectCommand}. */
@Component(service = Command.class)
@JpxeCommand("imgselect")
public final class ImgselectCommand extends SelectCommand {

    @Activate
    public ImgselectCommand(@Reference(name = "images") ImageManager images) {
        super("imgselect", images);
    }
}
