package io.jpxe.commands.flow.internal;

import java.time.Duration;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;

/**
 * {@code sleep <seconds>} (iPXE {@code core/exec.c}): waits; Ctrl-C cancels with {@code ECANCELED}.
 * On a terminal other key presses are consumed and ignored, as in iPXE; without a terminal the
 * input is left alone (it may hold answers for later {@code prompt}s).
 */
@Component(service = Command.class)
@JpxeCommand("sleep")
public final class SleepCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("sleep").usage("<seconds>")
            .summary("Wait for a number of seconds").arguments(1, 1).build();

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        long seconds = CommandSyntax.parseInteger(args.argument(0));
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long left;
        while ((left = KeyWait.millisUntil(deadline)) > 0) {
            context.checkCancelled();
            if (context.console().isInteractive()) {
                KeyWait.key(context, Duration.ofMillis(Math.min(left, 200)));
            } else {
                KeyWait.sleep(Math.min(left, 200));
            }
        }
    }
}
