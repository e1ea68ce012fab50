package io.jpxe.commands.settings.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.settings.Settings;

/** {@code clear <setting>} (iPXE {@code nvo_cmd.c}): deletes the setting; an absent one is fine. */
@Component(service = Command.class)
@JpxeCommand("clear")
public final class ClearCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("clear").usage("<setting>")
            .summary("Clear a setting").arguments(1, 1).build();

    private final Settings settings;

    @Activate
    public ClearCommand(@Reference Settings settings) {
        this.settings = settings;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        String name = args.argument(0);
        try {
            settings.clear(name);
        } catch (JpxeException e) {
            throw SetCommand.couldNotStore(name, e);
        }
    }
}
