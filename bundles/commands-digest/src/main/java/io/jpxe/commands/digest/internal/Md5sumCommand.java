package io.jpxe.commands.digest.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.settings.Settings;

/** {@code md5sum [--set <setting>] <image|uri>...}: the MD5 digest of images. */
@Component(service = Command.class)
@JpxeCommand("md5sum")
public final class Md5sumCommand extends DigestCommand {
    @Activate
    public Md5sumCommand(@Reference ImageManager images, @Reference Settings settings) {
        super("md5sum", "MD5", images, settings);
    }
}
