package io.jpxe.script.internal;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.ParsedCommand;

/** {@code isset <value>}: succeeds iff the (expanded) argument is non-empty, else {@code ENOENT}. */
@Component(service = Command.class)
@JpxeCommand("isset")
public final class IssetCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("isset").usage("<value>")
            .summary("Test whether a value is non-empty").arguments(1, 1).build();

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        if (args.argument(0).isEmpty()) {
            throw new QuietFailure(Errno.ENOENT, "value is empty");
        }
    }
}
