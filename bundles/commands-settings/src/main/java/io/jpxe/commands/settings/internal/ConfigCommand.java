package io.jpxe.commands.settings.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.Settings;

/**
 * {@code config [<scope>]} (iPXE {@code config_cmd.c}, {@code hci/tui/settings_ui.c}): the settings
 * editor for one scope (the root if none). It lists the scope's settings with their types and values,
 * asks which one to edit (by number or name, a new name adds a setting), edits it on one line with
 * the current value filled in (an empty value deletes it, as {@code set} does), and repeats until an
 * empty answer or the end of input. Values are parsed with each setting's type; a value that does not
 * parse is reported and the editor goes on. Works the same on a terminal and in line mode.
 */
@Component(service = Command.class)
@JpxeCommand("config")
public final class ConfigCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("config").usage("[<scope>]")
            .summary("Edit settings").arguments(0, 1).build();

    private final Settings settings;

    @Activate
    public ConfigCommand(@Reference Settings settings) {
        this.settings = settings;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        String scope = args.arguments().isEmpty() ? "" : args.argument(0);
        while (true) {
            context.checkCancelled();
            List<SettingValue> values = settings.list(scope).stream()
                    .sorted(Comparator.comparing(SettingValue::block).thenComparing(SettingValue::name)).toList();
            list(context, scope, values);
            Optional<String> answer = context.console().readLine("Edit which setting (number or name; Enter to finish)? ",
                    "", Duration.ZERO);
            if (answer.isEmpty() || answer.get().isBlank()) {
                return;
            }
            String name = qualified(scope, chosen(answer.get().trim(), values));
            Optional<String> value = context.console().readLine(name + " = ", settings.fetch(name).orElse(""),
                    Duration.ZERO);
            if (value.isEmpty()) {
                return;
            }
            try {
                settings.store(name, value.get());
            } catch (JpxeException e) {
                context.console().err().println(SetCommand.couldNotStore(name, e).describe());
            }
        }
    }

    private static void list(CommandContext context, String scope, List<SettingValue> values) {
        context.console().out().println("Settings in " + (scope.isEmpty() ? "the root scope" : scope) + ":");
        if (values.isEmpty()) {
            context.console().out().println("  (none)");
        }
        for (int i = 0; i < values.size(); i++) {
            SettingValue v = values.get(i);
            String where = v.block().isEmpty() ? "" : v.block() + "/";
            context.console().out().println("  [" + (i + 1) + "] " + where + v.name() + ":" + v.type() + " = "
                    + v.formatted());
        }
    }

    /** A listed setting by its number, else the text as a setting name. */
    private static String chosen(String answer, List<SettingValue> values) {
        if (answer.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(answer) - 1;
            if (index >= 0 && index < values.size()) {
                // with its type, so the new value is parsed as the old one was
                SettingValue v = values.get(index);
                return (v.block().isEmpty() ? "" : v.block() + "/") + v.name() + ":" + v.type();
            }
        }
        return answer;
    }

    /** Names typed without a scope belong to the scope being edited. */
    private static String qualified(String scope, String name) {
        // a typed name from the list already carries its block
        return scope.isEmpty() || name.contains("/") ? name : scope + "/" + name;
    }
}
