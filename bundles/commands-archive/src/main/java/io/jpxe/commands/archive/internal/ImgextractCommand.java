package io.jpxe.commands.archive.internal;

import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

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
import io.jpxe.image.archive.ImageExtractor;

/**
 * {@code imgextract [--name <name>] [--keep] [--timeout <ms>] [--quiet] <uri|image>} (iPXE
 * {@code image_archive_cmd.c}): acquires the image (a registered one by name, else a download),
 * extracts it (gzip, zlib, xz or zstd) through the {@link ImageExtractor} into a new image called
 * {@code --name}, or the source's name without its last extension, with the source's URI and command
 * line, and then frees the source unless {@code --keep} is given. As in iPXE the source is freed even
 * when the extraction fails; a corrupt or truncated archive registers nothing.
 *
 * <p>Blocking (script threads only); stateless, so one instance serves every script.
 */
@Component(service = Command.class)
@JpxeCommand("imgextract")
public final class ImgextractCommand implements Command {
    private static final OptionSpec NAME = OptionSpec.value('n', "name", "name");
    private static final OptionSpec KEEP = OptionSpec.flag('k', "keep");
    private static final OptionSpec TIMEOUT = OptionSpec.value('t', "timeout", "timeout");
    private static final OptionSpec QUIET = OptionSpec.flag('q', "quiet");
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("imgextract")
            .option(NAME).option(KEEP).option(TIMEOUT).option(QUIET).arguments(1, 1)
            .usage("<uri|image>").summary("Extract archive image").build();

    private final ImageManager images;
    private final ImageStore store;
    private final ImageExtractor extractor;

    @Activate
    public ImgextractCommand(@Reference(name = "images") ImageManager images,
            @Reference(name = "store") ImageStore store, @Reference(name = "extractor") ImageExtractor extractor) {
        this.images = images;
        this.store = store;
        this.extractor = extractor;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        FetchOptions fetch = new FetchOptions(null, args.timeout(TIMEOUT.longName(), Duration.ZERO),
                args.has(QUIET.longName()), "");
        Image source = images.acquire(args.argument(0), fetch, context);
        try {
            extractor.extract(source, args.value(NAME.longName()).orElse(null));
        } finally {
            if (!args.has(KEEP.longName())) {
                store.unregister(source);
            }
        }
    }
}
