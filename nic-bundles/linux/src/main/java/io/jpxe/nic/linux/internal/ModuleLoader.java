package io.jpxe.nic.linux.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.jpxe.nic.linux.internal.sys.Libc;

/**
 * Image mode: finds PCI network controllers (class {@code 0x02xxxx}) that no driver has bound, and
 * loads the module {@code modules.alias} names for each (dependencies first) with
 * {@code finit_module(2)}. On a kernel without loadable modules it reports the drivers as built in
 * or absent. Runs once, before interfaces are enumerated; blocking.
 */
final class ModuleLoader {
    private final Path pciDevices;
    private final Path moduleDir;
    private final Libc libc;
    private final Consumer<String> report;

    ModuleLoader(Path pciDevices, Path moduleDir, Libc libc, Consumer<String> report) {
        this.pciDevices = pciDevices;
        this.moduleDir = moduleDir;
        this.libc = libc;
        this.report = report;
    }

    /** Loads what unbound network controllers need; returns the modules it loaded. */
    List<String> loadNetworkDrivers() {
        List<String> loaded = new ArrayList<>();
        List<Path> unbound = unboundNetworkControllers(pciDevices);
        if (unbound.isEmpty()) {
            return loaded;
        }
        KernelModules modules = KernelModules.read(moduleDir);
        for (Path device : unbound) {
            String modalias = read(device.resolve("modalias"));
            if (modules.isEmpty()) {
                report.accept(device.getFileName() + ": no module table in " + moduleDir
                        + "; its driver is built in or absent");
                continue;
            }
            var module = modules.moduleFor(modalias);
            if (module.isEmpty()) {
                report.accept(device.getFileName() + ": no module matches " + modalias);
                continue;
            }
            for (String relative : modules.loadOrder(module.get())) {
                Path file = moduleDir.resolve(relative);
                try {
                    libc.loadModule(file, relative.endsWith(".ko") ? 0 : Libc.MODULE_INIT_COMPRESSED_FILE);
                    loaded.add(KernelModules.moduleName(relative));
                } catch (Libc.ErrnoException e) {
                    if (e.errno() != Libc.EEXIST) {
                        report.accept(device.getFileName() + ": could not load " + file + ": " + e.getMessage());
                    }
                } catch (IOException e) {
                    report.accept(device.getFileName() + ": could not load " + file + ": " + e.getMessage());
                }
            }
        }
        return loaded;
    }

    /** PCI functions of class network controller (0x02) without a bound driver. */
    static List<Path> unboundNetworkControllers(Path pciDevices) {
        try (Stream<Path> devices = Files.list(pciDevices)) {
            return devices.filter(d -> read(d.resolve("class")).startsWith("0x02"))
                    .filter(d -> !Files.exists(d.resolve("driver")))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
