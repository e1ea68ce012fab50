package io.jpxe.commands.settings.internal;

import java.io.PrintStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.Settings;

/**
 * {@code show [--quiet] <setting>} (iPXE {@code nvo_cmd.c}): prints {@code <block>/<name>:<type> = <value>}
 * ({@code <name>:<type> = <value>} for the root block), or only the value with {@code --quiet}.
 */
@Component(service = Command.class)
@JpxeCommand("show")
public final class ShowCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("show").usage("[--quiet] <setting>")
            .summary("Show setting").option(OptionSpec.flag('q', "quiet")).arguments(1, 1).build();

    private final Settings settings;

    @Activate
    public ShowCommand(@Reference Settings settings) {
        this.settings = settings;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        String name = args.argument(0);
        SettingValue value = settings.fetchValue(name).orElseThrow(
                () -> new JpxeException(Errno.ENOENT, "Could not find \"" + name + "\""));
        PrintStream out = context.console().out();
        if (args.has("quiet")) {
            out.println(value.formatted());
        } else {
            out.println(qualifiedName(value) + " = " + value.formatted());
        }
        out.flush();
    }

    /** iPXE's {@code setting_name}: {@code block/name:type}, without {@code block/} for the root. */
    static String qualifiedName(SettingValue value) {
        return (value.block().isEmpty() ? "" : value.block() + "/") + value.name() + ":" + value.type();
    }
}
