package io.jpxe.commands.menu.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.settings.Settings;

/**
 * {@code present [--form <name>] [--keep]} (iPXE {@code dynui_cmd.c}, {@code hci/tui/form_ui.c}):
 * shows a form and edits each field's setting on one line, prefilled with its value; the values
 * are stored once every field was answered. The form is destroyed afterwards unless {@code --keep}.
 */
@Component(service = Command.class)
@JpxeCommand("present")
public final class PresentCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("present").usage("[--form <form>] [--keep]")
            .summary("Present a form").option(OptionSpec.value('f', "form", "form")).option(OptionSpec.flag('k', "keep"))
            .arguments(0, 0).build();

    private final DynUiRegistry registry;
    private final Settings settings;

    @Activate
    public PresentCommand(@Reference DynUiRegistry registry, @Reference Settings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        DynUi form = registry.require(args.value("form").orElse(""), "form");
        try {
            new FormUi(context, settings).present(form.title(), form.items());
        } finally {
            if (!args.has("keep")) {
                registry.destroy(form);
            }
        }
    }
}
