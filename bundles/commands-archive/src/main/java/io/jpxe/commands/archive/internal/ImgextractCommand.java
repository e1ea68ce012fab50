package io.jpxe.commands.archive.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.zip.ZipException;

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
import io.jpxe.api.image.ImageWriter;

/**
 * {@code imgextract [--name <name>] [--keep] [--timeout <ms>] [--quiet] <uri|image>} (iPXE
 * {@code image_archive_cmd.c}): acquires the image (a registered one by name, else a download),
 * decompresses it (gzip or zlib) into a new image called {@code --name}, or the source's name without
 * its {@code .gz}/{@code .z}/{@code .zlib} suffix, with the source's URI and command line, and then
 * frees the source unless {@code --keep} is given. As in iPXE the source is freed even when the
 * extraction fails; a corrupt or truncated archive registers nothing. The bytes stream from the
 * source through the inflater into the new image's writer in 64 KiB chunks.
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

    @Activate
    public ImgextractCommand(@Reference(name = "images") ImageManager images,
            @Reference(name = "store") ImageStore store) {
        this.images = images;
        this.store = store;
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
            extract(source, args.value(NAME.longName()).orElse(null));
        } finally {
            if (!args.has(KEEP.longName())) {
                store.unregister(source);
            }
        }
    }

    /** Decompresses {@code source} into a new registered image and returns it. */
    Image extract(Image source, String name) throws JpxeException {
        byte[] head;
        try (InputStream in = source.openStream()) {
            head = in.readNBytes(2);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "cannot read image \"" + source.name() + "\" (" + e.getMessage() + ")", e);
        }
        ArchiveFormat format = ArchiveFormat.detect(head).orElseThrow(() -> new JpxeException(Errno.ENOTSUP,
                "image \"" + source.name() + "\" is not an archive (neither gzip nor zlib)"));
        String target = name != null ? name : format.stripSuffix(source.name());
        try (ImageWriter writer = store.create(target, source.uri().orElse(null));
                InputStream in = format.decompress(source.openStream())) {
            byte[] chunk = new byte[ArchiveFormat.BUFFER];
            long position = 0;
            for (int n; (n = in.read(chunk)) > 0; position += n) {
                writer.write(position, ByteBuffer.wrap(chunk, 0, n));
            }
            Image extracted = writer.commit();
            extracted.commandLine(source.commandLine());
            return extracted;
        } catch (EOFException e) {
            throw new JpxeException(Errno.EINVAL, format.label() + " archive \"" + source.name() + "\" is truncated", e);
        } catch (ZipException e) {
            throw new JpxeException(Errno.EINVAL,
                    format.label() + " archive \"" + source.name() + "\" is corrupt (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "cannot extract \"" + source.name() + "\" (" + e.getMessage() + ")", e);
        }
    }
}
