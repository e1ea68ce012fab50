package io.jpxe.api.component;

import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.ComponentServiceObjects;

/**
 * A bound service whose object is taken at first use rather than at bind time. Taking a delayed
 * component's object inside a bind method activates it in the middle of the binder's own
 * activation; where that closes a dependency cycle, SCR hands out {@code null} and never binds again,
 * so the service is silently missing for the rest of the run. Bind {@link ComponentServiceObjects}
 * instead and call {@link #get} when the service is needed.
 *
 * <p>Thread-safe: concurrent first calls take the object once.
 *
 * @param <S> the service type
 */
public final class LazyService<S> {
    /** Null for a service given as an object (outside OSGi, or already taken). */
    private final ComponentServiceObjects<S> objects;
    private final AtomicReference<S> service;

    private LazyService(ComponentServiceObjects<S> objects, S service) {
        this.objects = objects;
        this.service = new AtomicReference<>(service);
    }

    /** A service to take from {@code objects} at the first {@link #get}. */
    public static <S> LazyService<S> of(ComponentServiceObjects<S> objects) {
        if (objects == null) {
            throw new IllegalArgumentException("no service objects");
        }
        return new LazyService<>(objects, null);
    }

    /** A service already at hand (unit tests, or a caller that has the object). */
    public static <S> LazyService<S> given(S service) {
        if (service == null) {
            throw new IllegalArgumentException("no service");
        }
        return new LazyService<>(null, service);
    }

    /**
     * The service object, taken at the first call (which activates a delayed component on the calling
     * thread); {@code null} when it cannot be had now: its component failed to activate, or it or the
     * consumer is going away. A later call tries again.
     */
    public S get() {
        S current = service.get();
        if (current != null || objects == null) {
            return current;
        }
        S obtained;
        try {
            obtained = objects.getService();
        } catch (IllegalStateException e) {
            return null; // unbound, or the consumer deactivated meanwhile
        }
        if (obtained == null) {
            return null;
        }
        if (!service.compareAndSet(null, obtained)) {
            objects.ungetService(obtained); // another thread took it first: keep one use
        }
        return service.get();
    }
}
