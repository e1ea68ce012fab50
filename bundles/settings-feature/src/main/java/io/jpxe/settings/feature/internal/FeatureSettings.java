package io.jpxe.settings.feature.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.SettingsBlock;

/**
 * The read-only {@code feature} settings block, jPXE's answer to "does this iPXE have X?": a script
 * can test {@code isset ${feature/scheme.https}} before using HTTPS. Beyond iPXE; scripts that do not
 * use it are unaffected. Each setting is the string {@code 1}, except {@code profile}:
 * <ul>
 * <li>{@code feature/<name>}: a feature the image's profile lists ({@code tftp}, {@code core}...);</li>
 * <li>{@code feature/command.<name>}, {@code feature/scheme.<scheme>}, {@code feature/image.<type>},
 * {@code feature/boot.<executor>}, {@code feature/san.<scheme>}: what the installed bundles provide
 * (their {@code jpxe.*} capabilities, so hot-installed plugins count);</li>
 * <li>{@code feature/profile}: the profile's name.</li>
 * </ul>
 * Computed on every lookup from the framework; thread-safe.
 */
@Component(service = SettingsBlock.class)
public final class FeatureSettings implements SettingsBlock {
    /** Capability namespace to setting prefix. */
    static final Map<String, String> NAMESPACES = Map.of("jpxe.command", "command.", "jpxe.uri.scheme", "scheme.",
            "jpxe.image.type", "image.", "jpxe.boot.executor", "boot.", "jpxe.san.scheme", "san.");

    private final Supplier<Map<String, String>> features;

    @Activate
    public FeatureSettings(BundleContext context) {
        this(() -> fromFramework(context));
    }

    /** Outside OSGi: the features as name to value. */
    FeatureSettings(Supplier<Map<String, String>> features) {
        this.features = features;
    }

    static Map<String, String> fromFramework(BundleContext context) {
        Map<String, String> found = new TreeMap<>();
        String profileFeatures = context.getProperty("jpxe.features");
        if (profileFeatures != null) {
            for (String f : profileFeatures.split(",")) {
                if (!f.isBlank()) {
                    found.put(f.trim(), "1");
                }
            }
        }
        String profile = context.getProperty("jpxe.profile");
        if (profile != null) {
            found.put("profile", profile);
        }
        for (Bundle bundle : context.getBundles()) {
            if ((bundle.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) == 0) {
                continue;
            }
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision == null) {
                continue;
            }
            NAMESPACES.forEach((namespace, prefix) -> {
                for (BundleCapability c : revision.getDeclaredCapabilities(namespace)) {
                    Object value = c.getAttributes().get(namespace);
                    if (value instanceof List<?> list) {
                        list.forEach(v -> found.put(prefix + v, "1"));
                    } else if (value != null) {
                        found.put(prefix + value, "1");
                    }
                }
            });
        }
        return found;
    }

    @Override
    public String path() {
        return "feature";
    }

    @Override
    public int priority() {
        return -2;
    }

    @Override
    public Optional<Raw> fetch(String name, long tag) {
        String value = features.get().get(name);
        return value == null ? Optional.empty()
                : Optional.of(new Raw("string", value.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public List<SettingValue> list() {
        List<SettingValue> values = new ArrayList<>();
        features.get().forEach((name, value) -> values.add(new SettingValue(path(), name, 0, "string",
                value.getBytes(StandardCharsets.UTF_8), value)));
        return values;
    }
}
