package io.jpxe.commands.digest.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.settings.Settings;

/** {@code sha512sum [--set <setting>] <image|uri>...}: the SHA-512 digest of images. */
@Component(service = Command.class)
@JpxeCommand("sha512sum")
public final class Sha512sumCommand extends DigestCommand {
    @Activate
    public Sha512sumCommand(@Reference ImageManager images, @Reference Settings settings) {
        super("sha512sum", "SHA-512", images, settings);
    }
}
