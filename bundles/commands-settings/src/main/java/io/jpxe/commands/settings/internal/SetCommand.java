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

/**
 * {@code set <setting> [<value>...]} (iPXE {@code nvo_cmd.c}): stores the remaining arguments joined
 * by single spaces, parsed with the setting's type; no value deletes the setting. Blocks named in
 * the path are created.
 */
@Component(service = Command.class)
@JpxeCommand("set")
public final class SetCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("set").usage("<setting> [<value>...]")
            .summary("Set a setting").arguments(1, CommandSyntax.UNLIMITED).build();

    private final Settings settings;

    @Activate
    public SetCommand(@Reference Settings settings) {
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
            settings.store(name, args.joinArguments(1));
        } catch (JpxeException e) {
            throw couldNotStore(name, e);
        }
    }

    /** iPXE's wording, with our reason in parentheses. */
    static JpxeException couldNotStore(String name, JpxeException cause) {
        return new JpxeException(cause.errno(), "Could not store \"" + name + "\" (" + cause.getMessage() + ")", cause);
    }
}
