package io.jpxe.commands.menu.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.settings.Settings;

/**
 * {@code login} (iPXE {@code login_cmd.c}, {@code hci/tui/login_ui.c}): asks for
 * {@code ${username}} and {@code ${password}} and stores them.
 */
@Component(service = Command.class)
@JpxeCommand("login")
public final class LoginCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("login").summary("Prompt for login credentials")
            .arguments(0, 0).build();

    private final Settings settings;

    @Activate
    public LoginCommand(@Reference Settings settings) {
        this.settings = settings;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        new FormUi(context, settings).present("", List.of(new DynUi.Item("username", "Username", 0, false, false),
                new DynUi.Item("password", "Password", 0, false, true)));
    }
}
