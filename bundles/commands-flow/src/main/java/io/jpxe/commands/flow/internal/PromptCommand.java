package io.jpxe.commands.flow.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.OptionalInt;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.StatusException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;

/**
 * {@code prompt [--key <key>] [--timeout <ms>] [<text>...]} (iPXE {@code image/script.c},
 * {@code usr/prompt.c}): prints the text, waits for a key, then erases the text. No key in time
 * fails with {@code ETIMEDOUT}; with {@code --key}, any other key fails with {@code ECANCELED}.
 * Like iPXE, the failure is silent: the status is the message.
 */
@Component(service = Command.class)
@JpxeCommand("prompt")
public final class PromptCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("prompt")
            .usage("[--key <key>] [--timeout <timeout>] [<text>]").summary("Prompt for keypress")
            .option(OptionSpec.value('k', "key", "key")).option(OptionSpec.value('t', "timeout", "timeout"))
            .arguments(0, CommandSyntax.UNLIMITED).build();

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        Integer wanted = args.value("key").isPresent() ? parseKey(args.value("key").get()) : null;
        Duration timeout = args.timeout("timeout", Duration.ZERO);
        String text = args.joinArguments(0);
        PrintStream out = context.console().out();
        out.print(text);
        out.flush();
        OptionalInt key;
        try {
            key = KeyWait.key(context, timeout);
        } finally {
            out.print("\b \b".repeat(text.length()));
            out.flush();
        }
        if (key.isEmpty()) {
            throw new StatusException(Errno.ETIMEDOUT.status(), "no key pressed");
        }
        if (wanted != null && key.getAsInt() != wanted && !(wanted == '\n' && key.getAsInt() == '\r')) {
            throw new StatusException(Errno.ECANCELED.status(), "another key was pressed");
        }
    }

    /** iPXE's {@code parse_key}: one character is that key, anything else an integer key code. */
    static int parseKey(String text) throws JpxeException {
        if (text.length() == 1) {
            return text.charAt(0);
        }
        return (int) CommandSyntax.parseInteger(text);
    }
}
