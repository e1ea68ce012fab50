package io.jpxe.script.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;

/**
 * The live table of commands by name (iPXE's {@code COMMANDS} linker table, but dynamic): filled from
 * {@link Command} services and their {@code jpxe.command} property. When several services claim one
 * name, the highest {@code service.ranking} wins, then the oldest. Thread-safe.
 */
final class CommandRegistry {
    /** The property {@link JpxeCommand} gives every command service. */
    private static final List<String> PROPERTIES = List.of(JpxeCommand.NAMESPACE);

    private record Entry(Command command, int ranking, long serviceId) {
    }

    private final Map<String, List<Entry>> byName = new ConcurrentHashMap<>();

    void add(Command command, Map<String, ?> properties) {
        Entry entry = new Entry(command, number(properties.get("service.ranking"), 0),
                number(properties.get("service.id"), Long.MAX_VALUE));
        for (String name : commandNames(properties)) {
            List<Entry> entries = byName.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
            synchronized (entries) {
                entries.add(entry);
                entries.sort(Comparator.comparingInt(Entry::ranking).reversed()
                        .thenComparingLong(Entry::serviceId));
            }
        }
    }

    void remove(Command command, Map<String, ?> properties) {
        for (String name : commandNames(properties)) {
            List<Entry> entries = byName.get(name);
            if (entries != null) {
                entries.removeIf(e -> e.command() == command);
            }
        }
    }

    /** The command called {@code name} (exact, case-sensitive). */
    Optional<Command> find(String name) {
        List<Entry> entries = byName.get(name);
        return entries == null || entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0).command());
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
