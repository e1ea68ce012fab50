package io.jpxe.boot.qemu.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * How QEMU is run, from framework properties ({@code -D jpxe.qemu.memory=2G} on the launcher):
 * <table>
 * <caption>Properties</caption>
 * <tr><th>property</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@value #BINARY}</td><td>{@code qemu-system-x86_64}</td><td>the QEMU program (a name on PATH or a path)</td></tr>
 * <tr><td>{@value #ACCEL}</td><td>{@code auto}</td><td>{@code auto} (KVM only where it works, else TCG), or
 *     any {@code -accel} value such as {@code tcg} or {@code kvm}</td></tr>
 * <tr><td>{@value #MEMORY}</td><td>{@code 1G}</td><td>guest memory ({@code -m})</td></tr>
 * <tr><td>{@value #NIC}</td><td>{@code virtio-net-pci}</td><td>the guest's NIC model, {@code none} for no NIC</td></tr>
 * <tr><td>{@value #NETDEV}</td><td>{@code user}</td><td>the NIC's host side ({@code -netdev}), QEMU's user networking by default</td></tr>
 * <tr><td>{@value #CONSOLE}</td><td>{@code ttyS0}</td><td>added as {@code console=} to a command line that names
 *     no console (empty: add nothing)</td></tr>
 * <tr><td>{@value #ARGS}</td><td></td><td>more QEMU arguments, separated by white space</td></tr>
 * <tr><td>{@value #TIMEOUT}</td><td>{@code 0}</td><td>seconds after which the guest is stopped (0: never)</td></tr>
 * </table>
 */
record QemuSettings(String binary, String accel, String memory, String nic, String netdev, String console,
        List<String> extraArgs, Duration timeout) {
    static final String BINARY = "jpxe.qemu.binary";
    static final String ACCEL = "jpxe.qemu.accel";
    static final String MEMORY = "jpxe.qemu.memory";
    static final String NIC = "jpxe.qemu.nic";
    static final String NETDEV = "jpxe.qemu.netdev";
    static final String CONSOLE = "jpxe.qemu.console";
    static final String ARGS = "jpxe.qemu.args";
    static final String TIMEOUT = "jpxe.qemu.timeout";

    static final String DEFAULT_BINARY = "qemu-system-x86_64";

    QemuSettings {
        extraArgs = List.copyOf(extraArgs);
    }

    /** The settings the defaults give. */
    static QemuSettings defaults() {
        return from(name -> null);
    }

    /**
     * Reads the settings through {@code properties} (a framework property lookup).
     *
     * @throws IllegalArgumentException for a timeout that is not a whole number of seconds
     */
    static QemuSettings from(Function<String, String> properties) {
        String args = value(properties, ARGS, "");
        String timeout = value(properties, TIMEOUT, "0");
        long seconds;
        try {
            seconds = Long.parseLong(timeout);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TIMEOUT + "=" + timeout + " is not a number of seconds");
        }
        String console = properties.apply(CONSOLE);
        return new QemuSettings(value(properties, BINARY, DEFAULT_BINARY), value(properties, ACCEL, "auto"),
                value(properties, MEMORY, "1G"), value(properties, NIC, "virtio-net-pci"),
                value(properties, NETDEV, "user"), console == null ? "ttyS0" : console.trim(),
                args.isBlank() ? List.of() : Arrays.asList(args.trim().split("\\s+")),
                Duration.ofSeconds(Math.max(0, seconds)));
    }

    private static String value(Function<String, String> properties, String name, String fallback) {
        String value = properties.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
