package io.jpxe.console.internal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.console.Console;

/**
 * The loader's console on the process's standard streams: output on {@code System.out}, diagnostics
 * and progress on {@code System.err} (both UTF-8, autoflush), input from {@code System.in}. It is
 * interactive when the JVM has a terminal ({@code System.console().isTerminal()}). On a terminal,
 * when the JLine bundle is present, lines are read with JLine's editor (history, Tab completion of
 * the command names registered now) and keys in raw mode; without JLine, {@code stty} switches the
 * terminal for key reads. Either way Ctrl-C interrupts the running script instead of the process
 * (see {@link InterruptSignal}).
 */
@Component(service = Console.class)
public final class SystemConsole extends StreamConsole {
    /** Framework property set by the launcher's {@code --verbose}: transfers report size, time and rate. */
    static final String VERBOSE_PROPERTY = "jpxe.verbose";
    /** Command names (for Tab completion) by service reference. */
    private final Map<ServiceReference<Command>, List<String>> commands = new ConcurrentHashMap<>();
    private final TerminalInput terminalInput;

    public SystemConsole() {
        this(hasTerminal());
    }

    private SystemConsole(boolean terminal) {
        super(System.in, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8), terminal,
                terminal ? new TerminalMode(true) : TerminalMode.NONE);
        this.terminalInput = terminal ? jline() : null;
        if (terminal && terminalInput == null) {
            // only with a terminal: without one nobody types Ctrl-C, and SIGINT keeps ending the process
            InterruptSignal.install(this::requestInterrupt);
        }
    }

    /** JLine on the system terminal, or null when the bundle is missing or finds no real terminal. */
    private TerminalInput jline() {
        try {
            Class.forName("org.jline.terminal.TerminalBuilder", false, SystemConsole.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        try {
            JLineTerminal jline = new JLineTerminal(this::commandNames, this::requestInterrupt, this::consumeInterrupt);
            if (jline.isReal()) {
                return jline;
            }
            jline.close();
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            // no usable terminal through JLine: keep the stty path
        }
        return null;
    }

    /*
     * Only the names are needed, so the reference never takes the command objects: taking them made
     * SCR activate every command inside the console's activation, and commands that need the script
     * engine (which needs this console) were lost for good in that cycle.
     */
    @Reference(name = "Command", service = Command.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCommand")
    void bindCommand(ServiceReference<Command> command, Map<String, Object> properties) {
        Object names = properties.get(JpxeCommand.NAMESPACE);
        if (names instanceof String s) {
            commands.put(command, List.of(s));
        } else if (names instanceof String[] array) {
            commands.put(command, List.of(array));
        } else if (names instanceof Collection<?> c) {
            commands.put(command, c.stream().map(Object::toString).toList());
        }
    }

    void unbindCommand(ServiceReference<Command> command) {
        commands.remove(command);
    }

    /** The command names offered by Tab completion, sorted. */
    Set<String> commandNames() {
        Set<String> names = new TreeSet<>();
        commands.values().forEach(names::addAll);
        return names;
    }

    @Override
    public OptionalInt readKey(Duration timeout) throws JpxeException {
        if (terminalInput == null) {
            return super.readKey(timeout);
        }
        out().flush();
        return terminalInput.readKey(timeout);
    }

    @Override
    public Optional<String> readLine(String prompt, String initial, Duration timeout) throws JpxeException {
        if (terminalInput == null) {
            return super.readLine(prompt, initial, timeout);
        }
        out().flush();
        return terminalInput.readLine(prompt, initial, timeout);
    }

    private static boolean hasTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Activate
    void activate(BundleContext context) {
        transferStatistics(Boolean.parseBoolean(context.getProperty(VERBOSE_PROPERTY)));
    }

    @Deactivate
    void deactivate() {
        if (terminalInput != null) {
            terminalInput.close();
        }
        close();
    }
}
