package io.jpxe.script.internal;

import java.io.PrintStream;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.ParsedCommand;

/** {@code help}: lists the commands available now, as iPXE's shell does. */
@Component(service = Command.class)
@JpxeCommand("help")
public final class HelpCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("help").summary("List available commands")
            .arguments(0, 0).build();
    private static final int COLUMNS = 80;

    /** Names by service reference (or by command object outside OSGi). */
    private final Map<Object, java.util.List<String>> names = new ConcurrentHashMap<>();

    /*
     * Only the names are needed, so the reference never takes the command objects: taking them made
     * SCR activate every command, this one included, inside this component's activation, and lose
     * those that depend back on it ("Could not get service from ref").
     */
    @Reference(name = "Command", service = Command.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeCommand")
    void addCommand(ServiceReference<Command> command, Map<String, Object> properties) {
        names.put(command, CommandRegistry.commandNames(properties));
    }

    void removeCommand(ServiceReference<Command> command) {
        names.remove(command);
    }

    /** Adds a command's names outside OSGi (tests). */
    void bindCommand(Command command, Map<String, Object> properties) {
        names.put(command, CommandRegistry.commandNames(properties));
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) {
        SortedSet<String> sorted = new TreeSet<>();
        names.values().forEach(sorted::addAll);
        PrintStream out = context.console().out();
        StringBuilder text = new StringBuilder("\nAvailable commands:\n\n");
        int column = 0;
        for (String name : sorted) {
            if (column > 0 && column + name.length() + 2 > COLUMNS) {
                text.append('\n');
                column = 0;
            }
            text.append("  ").append(name);
            column += name.length() + 2;
        }
        text.append("\n\nType \"<command> --help\" for further information\n");
        out.print(text);
        out.flush();
    }
}
