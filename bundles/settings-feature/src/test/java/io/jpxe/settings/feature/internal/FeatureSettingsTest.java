package io.jpxe.settings.feature.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.settings.internal.SettingsTree;

class FeatureSettingsTest {

    @Test
    void scriptsTestWhatTheImageCarriesAndSeeBundleChangesAtOnce() throws JpxeException {
        Map<String, String> carried = new HashMap<>(Map.of("tftp", "1", "command.chain", "1", "profile", "minimal-tftp"));
        AtomicInteger computed = new AtomicInteger();
        FeatureSettings features = new FeatureSettings(() -> {
            computed.incrementAndGet();
            return Map.copyOf(carried);
        });
        SettingsTree settings = new SettingsTree();
        settings.mount(features);
        assertEquals("1|1||minimal-tftp", settings.expand("${feature/tftp}|${feature/command.chain}|"
                + "${feature/scheme.https}|${feature/profile}"));
        assertEquals("", settings.expand("${http-proxy}"));
        assertEquals(1, computed.get(), "looked up from the framework once while no bundle changed");
        carried.put("scheme.https", "1");
        features.bundlesChanged();
        assertEquals("1", settings.expand("${feature/scheme.https}"));
        assertEquals(2, computed.get());
        assertEquals(4, settings.list("feature").size());
        assertEquals(Errno.ENOTSUP, assertThrows(JpxeException.class,
                () -> settings.store("feature/scheme.nfs", "1")).errno());
    }
}
