package io.jpxe.commands.image.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageStore;

/**
 * {@code imgstat [<image>...]}: one line per image, as iPXE's {@code imgstat()} prints it:
 * {@code <name> : <size> bytes [<type>] [SELECTED] [CURRENT] [TRUSTED] [AUTOFREE] [HIDDEN] "<cmdline>"}.
 * Without arguments every registered image that is not {@code HIDDEN} is listed; a hidden image is
 * shown when named. An unknown name fails with {@code ENOENT}.
 */
@Component(service = Command.class)
@JpxeCommand("imgstat")
public final class ImgstatCommand extends ImageListCommand {
    private static final List<Image.Flag> SHOWN_FLAGS = List.of(Image.Flag.SELECTED, Image.Flag.CURRENT,
            Image.Flag.TRUSTED, Image.Flag.AUTOFREE, Image.Flag.HIDDEN);

    @Activate
    public ImgstatCommand(@Reference(name = "store") ImageStore store) {
        super("imgstat", "List images", store);
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        List<Image> shown = new ArrayList<>();
        if (args.arguments().isEmpty()) {
            store.images().stream().filter(i -> !i.flags().contains(Image.Flag.HIDDEN)).forEach(shown::add);
        }
        for (String name : args.arguments()) {
            shown.add(named(name));
        }
        shown.forEach(image -> context.console().out().println(describe(image)));
    }

    /** The imgstat line of one image. */
    static String describe(Image image) {
        StringBuilder line = new StringBuilder(image.name()).append(" : ").append(image.size()).append(" bytes");
        image.type().ifPresent(type -> line.append(" [").append(type).append(']'));
        Set<Image.Flag> flags = image.flags();
        for (Image.Flag flag : SHOWN_FLAGS) {
            if (flags.contains(flag)) {
                line.append(" [").append(flag.name()).append(']');
            }
        }
        if (!image.commandLine().isEmpty()) {
            line.append(" \"").append(image.commandLine()).append('"');
        }
        return line.toString();
    }
}
