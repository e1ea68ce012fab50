package io.jpxe.gogo.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.console.Console;
import io.jpxe.api.script.ScriptEngine;

/**
 * Makes every jPXE command a Gogo command in scope {@code ipxe} ({@code ipxe:chain ...}, or just
 * {@code chain} when unambiguous): for each {@link Command} service it registers a Gogo
 * {@link Function} service ({@code osgi.command.scope=ipxe}, {@code osgi.command.function=<name>})
 * that runs the line through the {@link ScriptEngine} on the jPXE console, as the {@code jpxe shell}
 * would, and returns the status (0 for success). Registrations follow the commands as they come and go.
 * Thread-safe.
 */
@Component(immediate = true)
public final class GogoBridge {
    private final BundleContext context;
    private final ScriptEngine engine;
    private final Console console;
    private final Map<String, ServiceRegistration<Function>> registered = new HashMap<>();
    private final Map<Command, List<String>> names = new HashMap<>();
    private boolean active;

    @Activate
    public GogoBridge(BundleContext context, @Reference ScriptEngine engine, @Reference Console console) {
        this.context = context;
        this.engine = engine;
        this.console = console;
        synchronized (this) {
            active = true;
            names.values().forEach(list -> list.forEach(this::register));
        }
    }

    @Reference(service = Command.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindCommand(Command command, Map<String, Object> properties) {
        List<String> list = commandNames(properties.get(JpxeCommand.NAMESPACE));
        names.put(command, list);
        if (active) {
            list.forEach(this::register);
        }
    }

    synchronized void unbindCommand(Command command) {
        List<String> list = names.remove(command);
        if (list != null) {
            list.forEach(this::unregister);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        new ArrayList<>(registered.keySet()).forEach(this::unregister);
    }

    private void register(String name) {
        if (registered.containsKey(name) || context == null) {
            return;
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "ipxe");
        properties.put("osgi.command.function", name);
        registered.put(name, context.registerService(Function.class, new Invocation(name), properties));
    }

    private void unregister(String name) {
        ServiceRegistration<Function> registration = registered.remove(name);
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }

    static List<String> commandNames(Object property) {
        if (property instanceof String s) {
            return List.of(s);
        }
        if (property instanceof String[] array) {
            return List.of(array);
        }
        if (property instanceof java.util.Collection<?> c) {
            return c.stream().map(Object::toString).toList();
        }
        return List.of();
    }

    /** The command line Gogo hands over: the name and its arguments as words. */
    static String commandLine(String name, List<Object> arguments) {
        return arguments.isEmpty() ? name
                : name + " " + arguments.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    /** One command as a Gogo function. */
    private final class Invocation implements Function {
        private final String name;

        Invocation(String name) {
            this.name = name;
        }

        @Override
        public Object execute(CommandSession session, List<Object> arguments) {
            return engine.execute(commandLine(name, arguments), console);
        }
    }
}
