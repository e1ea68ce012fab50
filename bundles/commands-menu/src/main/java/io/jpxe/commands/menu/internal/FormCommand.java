package io.jpxe.commands.menu.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;

/** {@code form [--name <name>] [--delete] [<title>...]}: creates or deletes a form. */
@Component(service = Command.class)
@JpxeCommand("form")
public final class FormCommand extends DynUiCommand {
    @Activate
    public FormCommand(@Reference DynUiRegistry registry) {
        super("form", "Create a form", registry);
    }
}
