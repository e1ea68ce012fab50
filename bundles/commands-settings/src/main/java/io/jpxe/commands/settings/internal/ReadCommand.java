package io.jpxe.commands.settings.internal;

import java.time.Duration;
import java.util.Optional;

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
import io.jpxe.api.settings.Settings;

/**
 * {@code read [--timeout <ms>] <setting>} (iPXE {@code nvo_cmd.c}, {@code hci/readline.c}): edits the
 * current value on one line and stores the result (an empty line deletes). No key before the timeout
 * fails with {@code ETIMEDOUT}, Ctrl-C with {@code ECANCELED}. A closed input cancels, except that
 * with a timeout it first waits the timeout out, as a terminal nobody types on would.
 */
@Component(service = Command.class)
@JpxeCommand("read")
public final class ReadCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("read").usage("[--timeout <timeout>] <setting>")
            .summary("Read a setting").option(OptionSpec.value('t', "timeout", "timeout")).arguments(1, 1).build();

    private final Settings settings;

    @Activate
    public ReadCommand(@Reference Settings settings) {
        this.settings = settings;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        String name = args.argument(0);
        Duration timeout = args.timeout("timeout", Duration.ZERO);
        String existing = settings.fetch(name).orElse("");
        long started = System.nanoTime();
        Optional<String> line = context.console().readLine("", existing, timeout);
        if (line.isEmpty()) {
            waitOut(context, timeout, started);
        }
        try {
            settings.store(name, line.get());
        } catch (JpxeException e) {
            throw SetCommand.couldNotStore(name, e);
        }
    }

    /** Closed input: a timeout runs out as if nobody typed; without one the read is cancelled. */
    private static void waitOut(CommandContext context, Duration timeout, long startedNanos) throws JpxeException {
        if (timeout.isZero()) {
            throw new JpxeException(Errno.ECANCELED, "Input closed");
        }
        long deadline = startedNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            context.checkCancelled();
            try {
                Thread.sleep(Math.max(1, Math.min(200, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JpxeException(Errno.ECANCELED, "Interrupted");
            }
        }
        throw new JpxeException(Errno.ETIMEDOUT, "No input within " + timeout.toMillis() + " ms");
    }
}
