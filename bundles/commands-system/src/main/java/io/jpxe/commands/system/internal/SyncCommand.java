package io.jpxe.commands.system.internal;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;

/**
 * {@code sync [--timeout <ms>]} (iPXE {@code sync_cmd.c}): waits for pending background operations.
 * jPXE starts none that outlive their command (downloads complete before their command returns,
 * there is no syslog delivery queue), so there is nothing to wait for and it succeeds at once.
 */
@Component(service = Command.class)
@JpxeCommand("sync")
public final class SyncCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("sync").usage("[--timeout <timeout>]")
            .summary("Wait for background operations").option(OptionSpec.value('t', "timeout", "timeout"))
            .arguments(0, 0).build();

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        args.timeout("timeout", java.time.Duration.ZERO); // validates the value as iPXE does
    }
}
