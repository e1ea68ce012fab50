package io.jpxe.commands.digest.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.settings.Settings;

/** {@code sha384sum [--set <setting>] <image|uri>...}: the SHA-384 digest of images. */
@Component(service = Command.class)
@JpxeCommand("sha384sum")
public final class Sha384sumCommand extends DigestCommand {
    @Activate
    public Sha384sumCommand(@Reference ImageManager images, @Reference Settings settings) {
        super("sha384sum", "SHA-384", images, settings);
    }
}
