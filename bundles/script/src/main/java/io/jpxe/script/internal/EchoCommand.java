package io.jpxe.script.internal;

import java.io.PrintStream;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;

/** {@code echo [-n|--no-newline] [<text>...]}: prints the arguments joined by single spaces. */
@Component(service = Command.class)
@JpxeCommand("echo")
public final class EchoCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("echo").usage("[-n|--no-newline] [<text>...]")
            .summary("Print text").option(OptionSpec.flag('n', "no-newline"))
            .arguments(0, CommandSyntax.UNLIMITED).build();

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) {
        PrintStream out = context.console().out();
        out.print(args.joinArguments(0) + (args.has("no-newline") ? "" : "\n"));
        out.flush();
    }
}
