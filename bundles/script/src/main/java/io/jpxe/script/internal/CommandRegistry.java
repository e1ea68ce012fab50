package io.jpxe.script.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.ComponentServiceObjects;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.component.LazyService;

/**
 * The live table of commands by name (iPXE's {@code COMMANDS} linker table, but dynamic): filled from
 * {@link Command} services and their {@code jpxe.command} property. When several services claim one
 * name, the highest {@code service.ranking} wins, then the oldest. Thread-safe.
 *
 * <p>The engine registers a command service as {@link ComponentServiceObjects} and the command object
 * is taken when a script first runs it. Taking every command while SCR activates the engine lost
 * commands for good: commands such as {@code shell} or {@code chain} need the engine (directly or
 * through the image manager's script type), and in that cycle SCR's {@code getService} returns
 * {@code null} and never binds them again.
 */
final class CommandRegistry {
    /** The property {@link JpxeCommand} gives every command service. */
    private static final List<String> PROPERTIES = List.of(JpxeCommand.NAMESPACE);

    /** One command service: {@code key} is what {@link #remove} matches. */
    private static final class Entry {
        final Object key;
        final int ranking;
        final long serviceId;
        private final LazyService<Command> command;

        Entry(Object key, LazyService<Command> command, Map<String, ?> properties) {
            this.key = key;
            this.command = command;
            this.ranking = number(properties.get("service.ranking"), 0);
            this.serviceId = number(properties.get("service.id"), Long.MAX_VALUE);
        }

        /** The command object, taken at the first call; {@code null} when it cannot be had now. */
        Command command() {
            return command.get();
        }
    }

    private final Map<String, List<Entry>> byName = new ConcurrentHashMap<>();

    /** Adds a command object (outside OSGi: tests). */
    void add(Command command, Map<String, ?> properties) {
        add(new Entry(command, LazyService.given(command), properties), properties);
    }

    /** Adds a command service without taking its object yet (see the class comment). */
    void addLazily(ComponentServiceObjects<Command> objects, Map<String, ?> properties) {
        add(new Entry(objects, LazyService.of(objects), properties), properties);
    }

    private void add(Entry entry, Map<String, ?> properties) {
        for (String name : commandNames(properties)) {
            List<Entry> entries = byName.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
            synchronized (entries) {
                entries.add(entry);
                entries.sort(Comparator.comparingInt((Entry e) -> e.ranking).reversed()
                        .thenComparingLong(e -> e.serviceId));
            }
        }
    }

    /** Removes a command: {@code key} is the object or the {@code ComponentServiceObjects} it was added with. */
    void remove(Object key, Map<String, ?> properties) {
        for (String name : commandNames(properties)) {
            List<Entry> entries = byName.get(name);
            if (entries != null) {
                entries.removeIf(e -> e.key == key);
            }
        }
    }

    /**
     * The command called {@code name} (exact, case-sensitive): the best ranked one whose object can be
     * had now (a command whose component fails to activate is passed over).
     */
    Optional<Command> find(String name) {
        List<Entry> entries = byName.get(name);
        if (entries == null) {
            return Optional.empty();
        }
        for (Entry entry : entries) {
            Command command = entry.command();
            if (command != null) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>();
        byName.forEach((name, entries) -> {
            if (!entries.isEmpty()) {
                names.add(name);
            }
        });
        return names;
    }

    /** The command names a service's properties announce. */
    static List<String> commandNames(Map<String, ?> properties) {
        List<String> names = new java.util.ArrayList<>();
        for (String property : PROPERTIES) {
            for (String name : names(properties.get(property))) {
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static List<String> names(Object property) {
        if (property instanceof String s) {
            return List.of(s);
        }
        if (property instanceof String[] array) {
            return List.of(array);
        }
        if (property instanceof java.util.Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static int number(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }

    private static long number(Object value, long fallback) {
        return value instanceof Number n ? n.longValue() : fallback;
    }
}
