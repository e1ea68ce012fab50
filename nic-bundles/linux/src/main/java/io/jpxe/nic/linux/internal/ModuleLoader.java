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
 * Image mode: finds network devices that no driver has bound and loads the module
 * {@code modules.alias} names for each (dependencies first) with {@code finit_module(2)}: PCI
 * network controllers (class {@code 0x02xxxx}) first, then the virtio network devices that
 * {@code virtio_pci} creates once it is loaded (virtio-net needs both stages). On a kernel without
 * loadable modules it reports the drivers as built in or absent. Runs once, before interfaces are
 * enumerated; blocking.
 */
final class ModuleLoader {
    /** The virtio device id of a network card ({@code virtio:d00000001v...}). */
    private static final String VIRTIO_NET = "virtio:d00000001v";

    private final Path pciDevices;
    private final Path virtioDevices;
    private final Path moduleDir;
    private final Libc libc;
    private final Consumer<String> report;

    ModuleLoader(Path pciDevices, Path virtioDevices, Path moduleDir, Libc libc, Consumer<String> report) {
        this.pciDevices = pciDevices;
        this.virtioDevices = virtioDevices;
        this.moduleDir = moduleDir;
        this.libc = libc;
        this.report = report;
    }

    /** Loads what unbound network devices need; returns the modules it loaded. */
    List<String> loadNetworkDrivers() {
        List<String> loaded = new ArrayList<>();
        List<Path> pci = unboundNetworkControllers(pciDevices);
        if (pci.isEmpty() && unboundVirtioNetworkDevices(virtioDevices).isEmpty()) {
            return loaded;
        }
        KernelModules modules = KernelModules.read(moduleDir);
        load(modules, pci, loaded);
        // a driver probes its devices while it is loaded, so virtio_pci's devices exist by now
        load(modules, unboundVirtioNetworkDevices(virtioDevices), loaded);
        return loaded;
    }

    private void load(KernelModules modules, List<Path> unbound, List<String> loaded) {
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
    }

    /** PCI functions of class network controller (0x02) without a bound driver. */
    static List<Path> unboundNetworkControllers(Path pciDevices) {
        return unbound(pciDevices, d -> read(d.resolve("class")).startsWith("0x02"));
    }

    /** virtio network devices without a bound driver. */
    static List<Path> unboundVirtioNetworkDevices(Path virtioDevices) {
        return unbound(virtioDevices, d -> read(d.resolve("modalias")).startsWith(VIRTIO_NET));
    }

    private static List<Path> unbound(Path devicesDir, java.util.function.Predicate<Path> network) {
        try (Stream<Path> devices = Files.list(devicesDir)) {
            return devices.filter(network).filter(d -> !Files.exists(d.resolve("driver"))).sorted().toList();
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
