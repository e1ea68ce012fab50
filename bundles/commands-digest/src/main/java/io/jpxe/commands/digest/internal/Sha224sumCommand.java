package io.jpxe.commands.digest.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.settings.Settings;

/** {@code sha224sum [--set <setting>] <image|uri>...}: the SHA-224 digest of images. */
@Component(service = Command.class)
@JpxeCommand("sha224sum")
public final class Sha224sumCommand extends DigestCommand {
    @Activate
    public Sha224sumCommand(@Reference ImageManager images, @Reference Settings settings) {
        super("sha224sum", "SHA-224", images, settings);
    }
}
