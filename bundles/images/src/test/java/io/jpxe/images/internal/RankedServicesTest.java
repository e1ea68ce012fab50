package io.jpxe.images.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

class RankedServicesTest {

    /** What SCR hands a bind method: getService answers from a script (null = "cannot be had now"). */
    private static final class ScriptedObjects implements ComponentServiceObjects<String> {
        final Deque<String> answers = new ArrayDeque<>();
        final List<String> ungot = new ArrayList<>();
        int gets;

        ScriptedObjects(String... answers) {
            for (String a : answers) {
                this.answers.add(a == null ? "" : a);
            }
        }

        @Override
        public String getService() {
            gets++;
            String next = answers.isEmpty() ? "" : answers.poll();
            return next.isEmpty() ? null : next;
        }

        @Override
        public void ungetService(String service) {
            ungot.add(service);
        }

        @Override
        public ServiceReference<String> getServiceReference() {
            return null;
        }
    }

    @Test
    void bindingLazilyTakesNoServiceObjectUntilALookupNeedsIt() {
        RankedServices<String> services = new RankedServices<>();
        ScriptedObjects https = new ScriptedObjects("https-opener");

        services.addLazily(https, Map.of("jpxe.uri.scheme", "https"));

        assertEquals(0, https.gets, "binding must not activate the provider");
        assertEquals(Optional.of("https-opener"), services.firstAvailable(e -> e.names("jpxe.uri.scheme").contains("https")));
        assertEquals(1, https.gets);
    }

    @Test
    void aServiceThatCannotBeHadYetIsTriedAgainAtTheNextLookupAndThenKept() {
        RankedServices<String> services = new RankedServices<>();
        // the first getService fails, as it does while the provider's activation is in progress
        ScriptedObjects https = new ScriptedObjects(null, "https-opener", "second-instance");
        services.addLazily(https, Map.of("jpxe.uri.scheme", "https"));

        assertEquals(Optional.empty(), services.firstAvailable(e -> true));
        assertTrue(services.first(e -> true).isPresent(), "the entry stays registered");
        assertEquals(Optional.of("https-opener"), services.firstAvailable(e -> true));
        assertEquals(Optional.of("https-opener"), services.firstAvailable(e -> true));
        assertEquals(2, https.gets, "once obtained, the object is kept: one use per binding");
        assertEquals(List.of(), https.ungot);
    }

    @Test
    void firstAvailablePassesOverAnUnobtainableBetterRankedService() {
        RankedServices<String> services = new RankedServices<>();
        services.addLazily(new ScriptedObjects((String) null), Map.of("service.ranking", 10, "service.id", 1L));
        services.addLazily(new ScriptedObjects("fallback"), Map.of("service.ranking", 0, "service.id", 2L));

        assertEquals(Optional.of("fallback"), services.firstAvailable(e -> true));
    }

    @Test
    void removeForgetsTheEntryByWhatItWasAddedWith() {
        RankedServices<String> services = new RankedServices<>();
        ScriptedObjects lazy = new ScriptedObjects("lazy");
        services.addLazily(lazy, Map.of("service.id", 1L));
        services.add("direct", Map.of("service.id", 2L));

        services.remove(lazy);
        assertEquals(Optional.of("direct"), services.firstAvailable(e -> true));
        services.remove("direct");
        assertEquals(List.of(), services.ranked());
    }
}
