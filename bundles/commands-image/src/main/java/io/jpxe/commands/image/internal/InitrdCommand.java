package io.jpxe.commands.image.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.image.ImageManager;

/** {@code initrd [--name <name>] [--timeout <ms>] [--autofree] [--quiet] <uri> [<arguments>...]}: see {@link FetchCommand}. */
@Component(service = Command.class)
@JpxeCommand("initrd")
public final class InitrdCommand extends FetchCommand {

    @Activate
    public InitrdCommand(@Reference(name = "images") ImageManager images) {
        super("initrd", images);
    }
}
