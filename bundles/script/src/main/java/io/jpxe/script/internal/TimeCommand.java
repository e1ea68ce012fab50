package io.jpxe.script.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.StatusException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;

/**
 * {@code time <command> [<arguments>...]} (iPXE {@code time_cmd.c}, TIME_CMD): runs the command (its
 * words are not expanded again) and prints {@code time: <s>.<d>s}, the elapsed time in tenths of a
 * second, truncated as iPXE does; the status is the command's. It lives in the engine bundle because
 * it runs a command as a line would, which only the engine can do.
 */
@Component(service = Command.class)
@JpxeCommand("time")
public final class TimeCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("time").usage("<command>")
            .summary("Time a command").arguments(1, CommandSyntax.UNLIMITED).build();

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        if (!(context instanceof EngineContext caller)) {
            throw new JpxeException(Errno.ENOTSUP, "time runs commands only inside the script engine");
        }
        long start = System.nanoTime();
        int rc = caller.engine().invoke(List.copyOf(args.arguments()), caller);
        long deciseconds = (System.nanoTime() - start) / 100_000_000L;
        context.console().out().println(args.name() + ": " + deciseconds / 10 + "." + deciseconds % 10 + "s");
        context.console().out().flush();
        if (rc != 0) {
            throw new StatusException(rc, "timed command failed");
        }
    }
}
