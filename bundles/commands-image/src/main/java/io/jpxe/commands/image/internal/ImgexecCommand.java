package io.jpxe.commands.image.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.image.ImageManager;

/** {@code imgexec [--name <name>] [--timeout <ms>] [--autofree] [--quiet] [--replace] [<uri|image> [<arguments>...]]}: see {@link ExecCommand}. */
@Component(service = Command.class)
@JpxeCommand("imgexec")
public final class ImgexecCommand extends ExecCommand {

    @Activate
    public ImgexecCommand(@Reference(name = "images") ImageManager images) {
        super("imgexec", images);
    }
}
