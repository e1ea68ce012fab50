package io.jpxe.images.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The services of one kind that are registered now (a whiteboard), with their properties, ordered
 * as OSGi orders them: highest {@code service.ranking} first, then lowest {@code service.id}.
 * Filled by DS bind/unbind methods, which may run on any thread while lookups go on: thread-safe.
 *
 * @param <S> the service type
 */
public final class RankedServices<S> {

    /** One registered service and its properties. */
    public record Entry<S>(S service, Map<String, Object> properties) {

        int ranking() {
            return properties.get("service.ranking") instanceof Integer r ? r : 0;
        }

        long serviceId() {
            return properties.get("service.id") instanceof Long id ? id : Long.MAX_VALUE;
        }

        /** The values of a String, String[] or collection property; empty if absent. */
        public List<String> strings(String key) {
            Object value = properties.get(key);
            List<String> values = new ArrayList<>();
            if (value instanceof String s) {
                values.add(s);
            } else if (value instanceof String[] array) {
                values.addAll(List.of(array));
            } else if (value instanceof Iterable<?> iterable) {
                iterable.forEach(v -> values.add(String.valueOf(v)));
            }
            return values;
        }

        /**
         * The names a service declares through one of the API's naming annotations: the values of
         * the property named like the capability namespace ({@code jpxe.image.type}...).
         */
        public List<String> names(String namespace) {
            return strings(namespace);
        }
    }

    private static final Comparator<Entry<?>> ORDER = Comparator.<Entry<?>>comparingInt(Entry::ranking)
            .reversed().thenComparingLong(Entry::serviceId);

    private final List<Entry<S>> entries = new CopyOnWriteArrayList<>();

    /** Records a service that appeared. */
    public void add(S service, Map<String, ?> properties) {
        entries.add(new Entry<>(service, Map.copyOf(properties)));
    }

    /** Forgets a service that went away. */
    public void remove(S service) {
        entries.removeIf(e -> e.service() == service);
    }

    /** A snapshot, best ranked first. */
    public List<Entry<S>> ranked() {
        List<Entry<S>> snapshot = new ArrayList<>(entries);
        snapshot.sort(ORDER);
        return snapshot;
    }

    /** The best ranked service whose entry matches. */
    public Optional<Entry<S>> first(Predicate<Entry<S>> matching) {
        return ranked().stream().filter(matching).findFirst();
    }
}
