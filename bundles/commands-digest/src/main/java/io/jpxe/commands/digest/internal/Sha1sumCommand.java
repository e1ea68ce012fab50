package io.jpxe.commands.digest.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.settings.Settings;

/** {@code sha1sum [--set <setting>] <image|uri>...}: the SHA-1 digest of images. */
@Component(service = Command.class)
@JpxeCommand("sha1sum")
public final class Sha1sumCommand extends DigestCommand {
    @Activate
    public Sha1sumCommand(@Reference ImageManager images, @Reference Settings settings) {
        super("sha1sum", "SHA-1", images, settings);
    }
}
