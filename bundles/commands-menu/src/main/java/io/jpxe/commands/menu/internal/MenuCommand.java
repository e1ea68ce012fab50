package io.jpxe.commands.menu.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;

/** {@code menu [--name <name>] [--delete] [<title>...]}: creates or deletes a menu. */
@Component(service = Command.class)
@JpxeCommand("menu")
public final class MenuCommand extends DynUiCommand {
    @Activate
    public MenuCommand(@Reference DynUiRegistry registry) {
        super("menu", "Create a menu", registry);
    }
}
