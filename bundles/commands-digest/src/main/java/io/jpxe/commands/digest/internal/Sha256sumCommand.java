package io.jpxe.commands.digest.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.settings.Settings;

/** {@code sha256sum [--set <setting>] <image|uri>...}: the SHA-256 digest of images. */
@Component(service = Command.class)
@JpxeCommand("sha256sum")
public final class Sha256sumCommand extends DigestCommand {
    @Activate
    public Sha256sumCommand(@Reference ImageManager images, @Reference Settings settings) {
        super("sha256sum", "SHA-256", images, settings);
    }
}
