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

/**
 * {@code item [--menu|--form <name>] [--key <key>] [--default] [--secret] [--gap] [<label> [<text>...]]}
 * (iPXE {@code dynui_cmd.c}): appends an entry; no label, or {@code --gap}, makes a separator whose
 * text is all the arguments. {@code ENOENT} when the menu does not exist.
 */
@Component(service = Command.class)
@JpxeCommand("item")
public final class ItemCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("item")
            .usage("[--menu <menu>] [--key <key>] [--default] [<label>|--gap [<text>]]").summary("Add a menu item")
            .option(OptionSpec.value('m', "menu", "menu")).option(OptionSpec.value('f', "form", "form"))
            .option(OptionSpec.value('k', "key", "key")).option(OptionSpec.flag('d', "default"))
            .option(OptionSpec.flag('s', "secret")).option(OptionSpec.flag('g', "gap"))
            .arguments(0, CommandSyntax.UNLIMITED).build();

    private final DynUiRegistry registry;

    @Activate
    public ItemCommand(@Reference DynUiRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        String menu = args.value("form").or(() -> args.value("menu")).orElse("");
        int shortcut = args.value("key").isPresent() ? Keys.parse(args.value("key").get()) : 0;
        boolean gap = args.has("gap");
        String name = !gap && !args.arguments().isEmpty() ? args.argument(0) : null;
        String text = args.joinArguments(name == null ? 0 : 1);
        DynUi ui = registry.require(menu, args.has("form") ? "form" : "menu");
        ui.add(new DynUi.Item(name, text, shortcut, args.has("default"), args.has("secret")));
    }
}
