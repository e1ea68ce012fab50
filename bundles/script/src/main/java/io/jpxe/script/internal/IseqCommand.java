package io.jpxe.script.internal;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.ParsedCommand;

/** {@code iseq <value1> <value2>}: succeeds iff both are equal, case-sensitively; else {@code ERANGE}. */
@Component(service = Command.class)
@JpxeCommand("iseq")
public final class IseqCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("iseq").usage("<value1> <value2>")
            .summary("Test whether two values are equal").arguments(2, 2).build();

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        if (!args.argument(0).equals(args.argument(1))) {
            throw new QuietFailure(Errno.ERANGE, "values differ");
        }
    }
}
