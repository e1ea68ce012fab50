package io.jpxe.script.internal;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.ParsedCommand;

/**
 * {@code exit [<status>]}: ends the current script or shell with the status ({@code strtoul} base
 * 0, default 0, as a 32-bit value); a parent script that chained it continues and sees the status.
 */
@Component(service = Command.class)
@JpxeCommand("exit")
public final class ExitCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("exit").usage("[<status>]")
            .summary("Exit the script or shell").arguments(0, 1).build();

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        long status = args.arguments().isEmpty() ? 0 : CommandSyntax.parseInteger(args.argument(0));
        context.exit((int) status);
    }
}
