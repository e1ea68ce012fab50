package io.jpxe.settings.feature.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

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
 * Computed from the framework once per change of the installed bundles: a lookup of an unscoped
 * name asks every block, this one too, and the HTTP and FTP clients look up several settings per
 * transfer (walking every bundle's capabilities each time cost about a millisecond per fetch).
 * Thread-safe.
 */
@Component(service = SettingsBlock.class)
public final class FeatureSettings implements SettingsBlock {
    /** Capability namespace to setting prefix. */
    static final Map<String, String> NAMESPACES = Map.of("jpxe.command", "command.", "jpxe.uri.scheme", "scheme.",
            "jpxe.image.type", "image.", "jpxe.boot.executor", "boot.", "jpxe.san.scheme", "san.");

    private final Supplier<Map<String, String>> compute;
    /** Counts bundle events: a snapshot taken at another count is stale. */
    private final AtomicLong bundleChanges;
    private final SynchronousBundleListener listener;
    private volatile Snapshot snapshot;

    private record Snapshot(long bundleChanges, Map<String, String> features) {
    }

    @Activate
    public FeatureSettings(BundleContext context) {
        this(() -> fromFramework(context));
        // Synchronous: a plugin installed by the script is a feature by the script's next line.
        context.addBundleListener(listener);
    }

    /** Outside OSGi: the features as name to value; {@link #bundlesChanged()} makes it ask again. */
    FeatureSettings(Supplier<Map<String, String>> compute) {
        this.compute = compute;
        AtomicLong changes = new AtomicLong();
        this.bundleChanges = changes;
        this.listener = event -> changes.incrementAndGet();
    }

    @Deactivate
    void deactivate(BundleContext context) {
        context.removeBundleListener(listener);
    }

    /** A bundle was installed, resolved, started, stopped or removed: the next lookup computes afresh. */
    void bundlesChanged() {
        bundleChanges.incrementAndGet();
    }

    private Map<String, String> features() {
        long changes = bundleChanges.get();
        Snapshot current = snapshot;
        if (current == null || current.bundleChanges() != changes) {
            // Counted before computing: a change meanwhile makes the next lookup compute again.
            current = new Snapshot(changes, Collections.unmodifiableMap(new TreeMap<>(compute.get())));
            snapshot = current;
        }
        return current.features();
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
        String value = features().get(name);
        return value == null ? Optional.empty()
                : Optional.of(new Raw("string", value.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public List<SettingValue> list() {
        List<SettingValue> values = new ArrayList<>();
        features().forEach((name, value) -> values.add(new SettingValue(path(), name, 0, "string",
                value.getBytes(StandardCharsets.UTF_8), value)));
        return values;
    }
}
