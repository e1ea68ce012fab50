package io.jpxe.commands.menu.internal;

import java.time.Duration;

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
 * {@code choose [--menu <name>] [--default <label>] [--timeout <ms>] [--retimeout <ms>] [--keep] <setting>}
 * (iPXE {@code dynui_cmd.c}): shows the menu and stores the chosen item's label in the setting. The
 * menu is destroyed afterwards, also when the choice was cancelled, unless {@code --keep}.
 */
@Component(service = Command.class)
@JpxeCommand("choose")
public final class ChooseCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("choose")
            .usage("[--menu <menu>] [--default <label>] [--timeout <timeout>] [--retimeout <timeout>] [--keep] <setting>")
            .summary("Choose a menu item").option(OptionSpec.value('m', "menu", "menu"))
            .option(OptionSpec.value('d', "default", "label")).option(OptionSpec.value('t', "timeout", "timeout"))
            .option(OptionSpec.value('r', "retimeout", "timeout")).option(OptionSpec.flag('k', "keep"))
            .arguments(1, 1).build();

    private final DynUiRegistry registry;
    private final Settings settings;

    @Activate
    public ChooseCommand(@Reference DynUiRegistry registry, @Reference Settings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        String setting = args.argument(0);
        Duration timeout = args.timeout("timeout", Duration.ZERO);
        Duration retimeout = args.timeout("retimeout", Duration.ZERO);
        DynUi menu = registry.require(args.value("menu").orElse(""), "menu");
        try {
            DynUi.Item item = new MenuUi(context, menu).choose(args.value("default").orElse(null), timeout, retimeout);
            try {
                settings.store(setting, item.name());
            } catch (JpxeException e) {
                throw new JpxeException(e.errno(), "Could not store \"" + setting + "\" (" + e.getMessage() + ")", e);
            }
        } finally {
            if (!args.has("keep")) {
                registry.destroy(menu);
            }
        }
    }
}
