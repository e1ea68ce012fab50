package io.jpxe.commands.image.internal;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.StatusException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.image.FetchOptions;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;

/**
 * {@code imgexec} and its aliases {@code chain} and {@code boot}: acquire an image (an existing one by
 * name, else a download) and execute it; with no argument, execute the selected image.
 * {@code --replace} makes it replace the running script instead (a tail call: the current script
 * stops and the image runs in its place).
 *
 * <p>With no argument and nothing selected iPXE prints {@code No image selected} but, by an accident
 * of {@code imgsingle_exec} (the status is still that of the option parser), succeeds
 * (script-language.md §10). jPXE fails with {@code ENOENT} instead: scripts write
 * {@code boot || goto failed}, and a silent success would run on past a boot that never happened.
 */
abstract class ExecCommand extends SingleImageCommand {

    ExecCommand(String name, ImageManager images) {
        super(name, images, 0, "[<uri|image> [<arguments>...]]", "Execute an image", REPLACE);
    }

    @Override
    Image withoutArgument(FetchOptions options, CommandContext context) throws JpxeException {
        Image selected = images.selected()
                .orElseThrow(() -> new JpxeException(Errno.ENOENT, "No image selected"));
        if (options.name() != null) {
            images.acquire(selected.name(), options, context); // renames it, as --name does for any image
        }
        return selected;
    }

    @Override
    void act(Image image, ParsedCommand args, CommandContext context) throws JpxeException {
        try {
            if (args.has(REPLACE.longName())) {
                context.replaceCurrentScript(image);
            } else {
                images.execute(image, context);
            }
        } catch (StatusException e) {
            throw e; // a chained script's own status; it has reported its failure itself
        } catch (JpxeException e) {
            String detail = e.getMessage() == null || e.getMessage().isEmpty() ? "" : ": " + e.getMessage();
            throw new JpxeException(e.errno(), "Could not boot" + detail, e);
        }
    }
}
