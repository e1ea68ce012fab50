package io.jpxe.runner.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Waits until every command, URI scheme, image type and boot executor that the image's bundles
 * declare as a capability is registered as a service, so a script never starts before the
 * commands it uses (DS activates components asynchronously).
 */
final class ReadinessGate {
    private static final Set<String> NAMESPACES = Set.of("jpxe.command", "jpxe.uri.scheme", "jpxe.image.type",
            "jpxe.boot.executor");

    private final BundleContext context;

    ReadinessGate(BundleContext context) {
        this.context = context;
    }

    /** Waits up to {@code timeout}; returns what is still missing (empty when ready). */
    List<String> await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> missing = missing();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            missing = missing();
        }
        return missing;
    }

    /** Whether a command of that name is registered now. */
    boolean hasCommand(String name) {
        try {
            return context.getServiceReferences((String) null, "(jpxe.command=" + escape(name) + ")") != null;
        } catch (InvalidSyntaxException e) {
            return false;
        }
    }

    List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE && bundle.getState() != Bundle.STARTING) {
                continue;
            }
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision == null) {
                continue;
            }
            for (BundleCapability cap : revision.getDeclaredCapabilities(null)) {
                if (!NAMESPACES.contains(cap.getNamespace())) {
                    continue;
                }
                for (String value : values(cap.getAttributes(), cap.getNamespace())) {
                    String filter = "(" + cap.getNamespace() + "=" + escape(value) + ")";
                    try {
                        if (context.getServiceReferences((String) null, filter) == null) {
                            missing.add(cap.getNamespace() + "=" + value + " (" + bundle.getSymbolicName() + ")");
                        }
                    } catch (InvalidSyntaxException e) {
                        missing.add(cap.getNamespace() + "=" + value + " (bad name)");
                    }
                }
            }
        }
        return missing;
    }

    private static List<String> values(Map<String, Object> attributes, String namespace) {
        Object value = attributes.get(namespace);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
