package io.jpxe.nic.linux.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Image mode's module lookup: which kernel module drives a PCI network device, from the
 * {@code modules.alias} table ({@code alias pci:v00001AF4d00001000sv*sd*bc*sc*i* virtio_pci}) matched
 * against the device's {@code modalias}, and the load order from {@code modules.dep} (dependencies
 * first). Loading itself is {@link ModuleLoader}'s. Immutable once read; thread-safe.
 */
final class KernelModules {
    private record Alias(Pattern pattern, String module) {
    }

    private final List<Alias> aliases;
    private final Map<String, List<String>> dependencies;
    private final Map<String, String> paths;

    private KernelModules(List<Alias> aliases, Map<String, List<String>> dependencies, Map<String, String> paths) {
        this.aliases = aliases;
        this.dependencies = dependencies;
        this.paths = paths;
    }

    /** An empty table: a kernel without loadable modules (every driver built in or absent). */
    static KernelModules none() {
        return new KernelModules(List.of(), Map.of(), Map.of());
    }

    /** Reads {@code modules.alias} and {@code modules.dep} in {@code moduleDir}; none when they are missing. */
    static KernelModules read(Path moduleDir) {
        try {
            String alias = Files.readString(moduleDir.resolve("modules.alias"));
            String dep = Files.isRegularFile(moduleDir.resolve("modules.dep"))
                    ? Files.readString(moduleDir.resolve("modules.dep")) : "";
            return parse(alias, dep);
        } catch (IOException e) {
            return none();
        }
    }

    /** Parses the two tables' text; malformed lines are skipped. */
    static KernelModules parse(String modulesAlias, String modulesDep) {
        List<Alias> aliases = new ArrayList<>();
        for (String line : modulesAlias.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 3 && words[0].equals("alias")
                    && (words[1].startsWith("pci:") || words[1].startsWith("virtio:"))) {
                aliases.add(new Alias(glob(words[1]), words[2]));
            }
        }
        Map<String, List<String>> deps = new LinkedHashMap<>();
        Map<String, String> paths = new LinkedHashMap<>();
        for (String line : modulesDep.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String path = line.substring(0, colon).trim();
            String name = moduleName(path);
            paths.put(name, path);
            List<String> needs = new ArrayList<>();
            for (String d : line.substring(colon + 1).trim().split("\\s+")) {
                if (!d.isEmpty()) {
                    needs.add(moduleName(d));
                }
            }
            deps.put(name, needs);
        }
        return new KernelModules(aliases, deps, paths);
    }

    /** Whether any module is known (false on a kernel without module support or tables). */
    boolean isEmpty() {
        return aliases.isEmpty();
    }

    /** The module for a device's {@code modalias} (first match in table order, as modprobe's). */
    Optional<String> moduleFor(String modalias) {
        String m = modalias.trim();
        return aliases.stream().filter(a -> a.pattern().matcher(m).matches()).map(Alias::module).findFirst();
    }

    /** {@code module} and its dependencies, dependencies first, each once, as paths relative to the module dir. */
    List<String> loadOrder(String module) {
        Set<String> order = new LinkedHashSet<>();
        visit(normalise(module), order, new java.util.HashSet<>());
        return order.stream().map(paths::get).filter(java.util.Objects::nonNull).toList();
    }

    private void visit(String module, Set<String> order, Set<String> visiting) {
        if (order.contains(module) || !visiting.add(module)) {
            return; // already placed, or a dependency loop in a damaged table
        }
        for (String dep : dependencies.getOrDefault(module, List.of())) {
            visit(dep, order, visiting);
        }
        order.add(module);
    }

    /** {@code kernel/drivers/net/virtio_net.ko.xz} -> {@code virtio_net} ({@code -} and {@code _} are one). */
    static String moduleName(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int ko = file.indexOf(".ko");
        return normalise(ko < 0 ? file : file.substring(0, ko));
    }

    private static String normalise(String name) {
        return name.replace('-', '_');
    }

    /** fnmatch-style glob (as modprobe uses for aliases) to a regex: {@code *}, {@code ?}, {@code [...]}. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        regex.append("\\[");
                    } else {
                        regex.append('[').append(glob.substring(i + 1, end).replace("\\", "\\\\")).append(']');
                        i = end;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
