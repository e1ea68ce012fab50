package io.jpxe.api.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

class LazyServiceTest {

    /** What SCR hands a DYNAMIC reference, answering from a script of outcomes. */
    private static final class ScriptedObjects implements ComponentServiceObjects<String> {
        final Deque<Supplier<String>> outcomes = new ArrayDeque<>();
        int taken;
        int returned;

        @Override
        public String getService() {
            taken++;
            return outcomes.isEmpty() ? "again" : outcomes.pop().get();
        }

        @Override
        public void ungetService(String service) {
            returned++;
        }

        @Override
        public ServiceReference<String> getServiceReference() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void takesTheServiceAtFirstUseAndKeepsIt() {
        ScriptedObjects objects = new ScriptedObjects();
        objects.outcomes.add(() -> "opener");
        LazyService<String> lazy = LazyService.of(objects);
        assertEquals(0, objects.taken, "nothing is taken at bind time");
        assertEquals("opener", lazy.get());
        assertEquals("opener", lazy.get());
        assertEquals(1, objects.taken);
        assertEquals(0, objects.returned);
    }

    @Test
    void aServiceThatCannotBeHadNowIsAskedForAgainLater() {
        ScriptedObjects objects = new ScriptedObjects();
        objects.outcomes.add(() -> null); // its component failed to activate
        objects.outcomes.add(() -> {
            throw new IllegalStateException("consumer deactivated");
        });
        objects.outcomes.add(() -> "opener");
        LazyService<String> lazy = LazyService.of(objects);
        assertNull(lazy.get());
        assertNull(lazy.get());
        assertEquals("opener", lazy.get());
        assertEquals(3, objects.taken);
    }

    @Test
    void aGivenServiceIsReturnedAsIs() {
        String service = "command";
        assertSame(service, LazyService.given(service).get());
        assertThrows(IllegalArgumentException.class, () -> LazyService.given(null));
        assertThrows(IllegalArgumentException.class, () -> LazyService.of(null));
    }
}
