package io.jpxe.commands.image.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.image.ImageManager;

/** {@code module [--name <name>] [--timeout <ms>] [--autofree] [--quiet] <uri> [<arguments>...]}: see {@link FetchCommand}. */
@Component(service = Command.class)
@JpxeCommand("module")
public final class ModuleCommand extends FetchCommand {

    @Activate
    public ModuleCommand(@Reference(name = "images") ImageManager images) {
        super("module", images);
    }
}
