package io.jpxe.script.internal;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.ParsedCommand;

/**
 * {@code goto <label>}: continues the script at the first line labelled {@code :<label>}
 * ({@code ENOENT} if none, {@code ENOTTY} outside a script).
 */
@Component(service = Command.class)
@JpxeCommand("goto")
public final class GotoCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("goto").usage("<label>")
            .summary("Jump to a script label").arguments(1, 1).build();

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        context.jumpTo(args.argument(0));
    }
}
