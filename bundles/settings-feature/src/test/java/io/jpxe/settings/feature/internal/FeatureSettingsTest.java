package io.jpxe.settings.feature.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.settings.internal.SettingsTree;

class FeatureSettingsTest {

    @Test
    void scriptsTestWhatTheImageCarriesAndSeeChangesAtOnce() throws JpxeException {
        Map<String, String> carried = new HashMap<>(Map.of("tftp", "1", "command.chain", "1", "profile", "minimal-tftp"));
        SettingsTree settings = new SettingsTree();
        settings.mount(new FeatureSettings(() -> Map.copyOf(carried)));
        assertEquals("1|1||minimal-tftp", settings.expand("${feature/tftp}|${feature/command.chain}|"
                + "${feature/scheme.https}|${feature/profile}"));
        carried.put("scheme.https", "1");
        assertEquals("1", settings.expand("${feature/scheme.https}"));
        assertEquals(4, settings.list("feature").size());
        assertEquals(Errno.ENOTSUP, assertThrows(JpxeException.class,
                () -> settings.store("feature/scheme.nfs", "1")).errno());
    }
}
