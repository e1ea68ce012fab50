package io.jpxe.commands.digest.internal;

import java.io.IOException;
import java.io.InputStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.image.FetchOptions;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.image.ImageStore;
import io.jpxe.api.settings.Settings;

/**
 * {@code imgset [--keep] [--timeout <ms>] [--quiet] <setting> <image|uri>} (iPXE {@code image_set_cmd.c}):
 * stores an image's bytes in a setting (a fetched token, a key), as {@code string} unless the name
 * gives a type; the image is freed afterwards unless {@code --keep}. Images over 64 KiB are refused:
 * a setting that large is never what a script means.
 */
@Component(service = Command.class)
@JpxeCommand("imgset")
public final class ImgsetCommand implements Command {
    static final int MAX_BYTES = 64 * 1024;
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("imgset")
            .usage("[--keep] [--timeout <timeout>] [--quiet] <setting> <uri|image>").summary("Set a setting from an image")
            .option(OptionSpec.flag('k', "keep")).option(OptionSpec.value('t', "timeout", "timeout"))
            .option(OptionSpec.flag('q', "quiet")).arguments(2, 2).build();

    private final ImageManager images;
    private final ImageStore store;
    private final Settings settings;

    @Activate
    public ImgsetCommand(@Reference ImageManager images, @Reference ImageStore store, @Reference Settings settings) {
        this.images = images;
        this.store = store;
        this.settings = settings;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        String name = args.argument(0);
        FetchOptions options = new FetchOptions(null, args.timeout("timeout", java.time.Duration.ZERO),
                args.has("quiet"), "");
        Image image = images.acquire(args.argument(1), options, context);
        try {
            if (image.size() > MAX_BYTES) {
                throw new JpxeException(Errno.EFBIG, image.name() + " has " + image.size()
                        + " bytes, more than a setting may hold (" + MAX_BYTES + ")");
            }
            byte[] raw;
            try (InputStream in = image.openStream()) {
                raw = in.readNBytes(MAX_BYTES);
            } catch (IOException e) {
                throw new JpxeException(Errno.EIO, image.name() + ": cannot read (" + e.getMessage() + ")", e);
            }
            int colon = name.lastIndexOf(':');
            boolean typed = colon > name.lastIndexOf('/');
            try {
                settings.storeRaw(typed ? name.substring(0, colon) : name, typed ? name.substring(colon + 1) : "string",
                        raw);
            } catch (JpxeException e) {
                throw new JpxeException(e.errno(), "Could not store \"" + name + "\" (" + e.getMessage() + ")", e);
            }
        } finally {
            if (!args.has("keep")) {
                store.unregister(image);
            }
        }
    }
}
