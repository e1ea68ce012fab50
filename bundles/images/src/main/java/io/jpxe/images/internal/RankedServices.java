package io.jpxe.images.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.osgi.service.component.ComponentServiceObjects;

import io.jpxe.api.component.LazyService;

/**
 * The services of one kind that are registered now (a whiteboard), with their properties, ordered
 * as OSGi orders them: highest {@code service.ranking} first, then lowest {@code service.id}.
 * Filled by DS bind/unbind methods, which may run on any thread while lookups go on: thread-safe.
 *
 * <p>DS binds a whiteboard entry as {@link ComponentServiceObjects}, and the service object is only
 * taken when a lookup first needs it ({@link #addLazily}). Binding the object itself would make SCR
 * activate every provider while it activates the consumer; our providers depend on services that
 * depend back on the consumer (an https opener needs the settings, the settings mount a block that
 * needs the image manager), so on that one thread SCR finds the cycle, the provider's
 * {@code getService} returns {@code null}, and SCR never retries the bind. Properties cannot fail,
 * so with this nothing registered is ever missing from the table.
 *
 * @param <S> the service type
 */
public final class RankedServices<S> {

    /** One registered service and its properties. */
    public static final class Entry<S> {
        private final Map<String, Object> properties;
        /** What {@link #remove} matches: the service object or its {@code ComponentServiceObjects}. */
        private final Object key;
        private final LazyService<S> service;

        private Entry(Object key, LazyService<S> service, Map<String, ?> properties) {
            this.key = key;
            this.service = service;
            this.properties = Map.copyOf(properties);
        }

        /** The service properties. */
        public Map<String, Object> properties() {
            return properties;
        }

        /** The service object, taken at the first call; {@code null} when it cannot be had now (see {@link LazyService#get}). */
        public S service() {
            return service.get();
        }

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

    /** Records a service object that appeared (outside OSGi: tests, or a service already in hand). */
    public void add(S service, Map<String, ?> properties) {
        entries.add(new Entry<>(service, LazyService.given(service), properties));
    }

    /** Records a service that appeared, without taking its object yet (see the class comment). */
    public void addLazily(ComponentServiceObjects<S> objects, Map<String, ?> properties) {
        entries.add(new Entry<>(objects, LazyService.of(objects), properties));
    }

    /** Forgets a service that went away: {@code key} is what {@link #add} or {@link #addLazily} got. */
    public void remove(Object key) {
        entries.removeIf(e -> e.key == key);
    }

    /** A snapshot, best ranked first. */
    public List<Entry<S>> ranked() {
        List<Entry<S>> snapshot = new ArrayList<>(entries);
        snapshot.sort(ORDER);
        return snapshot;
    }

    /** The best ranked entry whose properties match (its service may still be unobtainable). */
    public Optional<Entry<S>> first(Predicate<Entry<S>> matching) {
        return ranked().stream().filter(matching).findFirst();
    }

    /** The service of the best ranked entry that matches and whose service object can be had now. */
    public Optional<S> firstAvailable(Predicate<Entry<S>> matching) {
        for (Entry<S> entry : ranked()) {
            if (matching.test(entry)) {
                S service = entry.service();
                if (service != null) {
                    return Optional.of(service);
                }
            }
        }
        return Optional.empty();
    }
}
