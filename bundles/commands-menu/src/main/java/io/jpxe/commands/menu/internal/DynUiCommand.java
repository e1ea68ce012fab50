package io.jpxe.commands.menu.internal;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;

/**
 * What {@code menu} and {@code form} share (one implementation in iPXE's {@code dynui_cmd.c}):
 * {@code [--name <name>] [--delete] [<title>...]} creates (replacing) or deletes a menu.
 */
abstract class DynUiCommand implements Command {
    private final CommandSyntax syntax;
    private final DynUiRegistry registry;

    DynUiCommand(String command, String summary, DynUiRegistry registry) {
        this.registry = registry;
        this.syntax = CommandSyntax.builder(command).usage("[--name <name>] [--delete] [<title>]").summary(summary)
                .option(OptionSpec.value('n', "name", "name")).option(OptionSpec.flag('d', "delete"))
                .arguments(0, CommandSyntax.UNLIMITED).build();
    }

    @Override
    public CommandSyntax syntax() {
        return syntax;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        String name = args.value("name").orElse("");
        if (args.has("delete")) {
            registry.delete(name);
            return;
        }
        registry.create(name, args.joinArguments(0));
    }
}
