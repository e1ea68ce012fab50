package io.jpxe.commands.image.internal;

import java.time.Duration;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.image.FetchOptions;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;

/**
 * The shared shape of iPXE's "img{single}" commands ({@code hci/commands/image_cmd.c}): options
 * {@code -n/--name}, {@code -t/--timeout} (idle timeout in ms), {@code -a/--autofree},
 * {@code -q/--quiet}; the first argument names an image or a URI, the rest become the image's
 * command line, joined by single spaces. Subclasses say how the image is obtained and what is done
 * with it; all the work is the {@link ImageManager}'s.
 *
 * <p>Stateless: one instance serves every script thread.
 */
abstract class SingleImageCommand implements Command {
    static final OptionSpec NAME = OptionSpec.value('n', "name", "name");
    static final OptionSpec TIMEOUT = OptionSpec.value('t', "timeout", "timeout");
    static final OptionSpec AUTOFREE = OptionSpec.flag('a', "autofree");
    static final OptionSpec QUIET = OptionSpec.flag('q', "quiet");
    static final OptionSpec REPLACE = OptionSpec.flag('r', "replace");

    protected final ImageManager images;
    private final CommandSyntax syntax;

    /**
     * @param extra options beyond the shared four ({@code --replace} for the imgexec family)
     */
    SingleImageCommand(String name, ImageManager images, int minArguments, String usage, String summary,
            OptionSpec... extra) {
        this.images = images;
        CommandSyntax.Builder builder = CommandSyntax.builder(name)
                .option(NAME).option(TIMEOUT).option(AUTOFREE).option(QUIET);
        for (OptionSpec option : extra) {
            builder.option(option);
        }
        this.syntax = builder.arguments(minArguments, CommandSyntax.UNLIMITED).usage(usage).summary(summary).build();
    }

    @Override
    public final CommandSyntax syntax() {
        return syntax;
    }

    @Override
    public final void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        FetchOptions options = fetchOptions(args);
        checkArguments(args);
        Image image = args.arguments().isEmpty()
                ? withoutArgument(options, context)
                : obtain(args.argument(0), options, context);
        if (replacesCommandLine() || args.arguments().size() > 1) {
            image.commandLine(args.joinArguments(1));
        }
        if (args.has(AUTOFREE.longName())) {
            image.flag(Image.Flag.AUTOFREE, true);
        }
        act(image, args, context);
    }

    /** The options that steer a download: name, idle timeout, quiet, command line. */
    static FetchOptions fetchOptions(ParsedCommand args) throws JpxeException {
        return new FetchOptions(args.value(NAME.longName()).orElse(null),
                args.timeout(TIMEOUT.longName(), Duration.ZERO), args.has(QUIET.longName()), args.joinArguments(1));
    }

    /** The image named by the first argument; by default an existing image, else a download. */
    Image obtain(String nameOrUri, FetchOptions options, CommandContext context) throws JpxeException {
        return images.acquire(nameOrUri, options, context);
    }

    /** The image when no argument was given (only commands whose syntax allows none). */
    Image withoutArgument(FetchOptions options, CommandContext context) throws JpxeException {
        throw new IllegalStateException(syntax.name() + " requires an argument");
    }

    /**
     * Checks the arguments before anything is fetched; by default nothing is checked.
     *
     * @throws JpxeException {@code EINVAL} naming the bad argument
     */
    void checkArguments(ParsedCommand args) throws JpxeException {
        // most commands take any arguments as the image's command line
    }

    /** Whether the command line is reset even without arguments ({@code imgargs}). */
    boolean replacesCommandLine() {
        return false;
    }

    /** What the command does with the image once named, given arguments and flags. */
    abstract void act(Image image, ParsedCommand args, CommandContext context) throws JpxeException;
}
