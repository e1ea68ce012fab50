package io.jpxe.proto.http.internal;

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
 * {@code params [--name <name>] [--delete]}: creates (or deletes) a parameter list for HTTP form
 * submissions, as iPXE's {@code hci/commands/param_cmd.c}. A URI ending in {@code ##params} or
 * {@code ##params=<name>} is then fetched with a POST of the list's fields.
 */
@Component(service = Command.class)
@JpxeCommand("params")
public final class ParamsCommand implements Command {

    private static final CommandSyntax SYNTAX = CommandSyntax.builder("params")
            .option(OptionSpec.value('n', "name", "name")).option(OptionSpec.flag('d', "delete"))
            .arguments(0, 0).summary("Manage parameter lists").build();

    private final ParamLists lists;

    @Activate
    public ParamsCommand(@Reference(name = "lists") ParamLists lists) {
        this.lists = lists;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        String name = args.value("name").orElse("");
        if (args.has("delete")) {
            lists.delete(name);
        } else {
            lists.create(name);
        }
    }
}
