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
 * {@code param [--params <name>] [--header] <key> [<value>]}: adds a form field (or, with
 * {@code --header}, a request header) to a parameter list made by {@code params}, as iPXE's
 * {@code hci/commands/param_cmd.c}. The value is the rest of the line; none means empty.
 */
@Component(service = Command.class)
@JpxeCommand("param")
public final class ParamCommand implements Command {

    private static final CommandSyntax SYNTAX = CommandSyntax.builder("param")
            .option(OptionSpec.value('p', "params", "params")).option(OptionSpec.flag('H', "header"))
            .arguments(1, CommandSyntax.UNLIMITED).usage("<key> [<value>]").summary("Add a parameter").build();

    private final ParamLists lists;

    @Activate
    public ParamCommand(@Reference(name = "lists") ParamLists lists) {
        this.lists = lists;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        String value = args.arguments().size() > 1 ? args.joinArguments(1) : "";
        lists.add(args.value("params").orElse(""), args.argument(0), value, args.has("header"));
    }
}
