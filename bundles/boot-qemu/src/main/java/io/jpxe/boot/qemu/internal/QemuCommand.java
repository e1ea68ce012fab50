package io.jpxe.boot.qemu.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The QEMU command line for a boot: Linux direct boot ({@code -kernel}/{@code -initrd}/{@code -append}),
 * no display, the first serial port on standard input/output (what the executor streams), no
 * default devices and no ROM on the NIC (nothing boots from the network here), {@code -no-reboot}
 * so that a guest reboot, a {@code panic=-1} or a triple fault ends QEMU as a power-off does.
 * Stateless.
 */
final class QemuCommand {
    private QemuCommand() {
    }

    /**
     * The arguments, program first.
     *
     * @param binary      the QEMU program
     * @param accel       the {@code -accel} value
     * @param kernel      the kernel file
     * @param initrd      the initramfs file, if any
     * @param commandLine the kernel command line (console already added)
     */
    static List<String> arguments(QemuSettings settings, Path binary, String accel, Path kernel,
            Optional<Path> initrd, String commandLine) {
        List<String> args = new ArrayList<>(List.of(binary.toString(), "-nodefaults", "-no-user-config",
                "-accel", accel, "-m", settings.memory(), "-display", "none", "-monitor", "none",
                "-serial", "stdio", "-no-reboot", "-kernel", kernel.toString()));
        initrd.ifPresent(path -> args.addAll(List.of("-initrd", path.toString())));
        args.addAll(List.of("-append", commandLine));
        if (!"none".equals(settings.nic())) {
            args.addAll(List.of("-netdev", settings.netdev() + ",id=net0",
                    "-device", settings.nic() + ",netdev=net0,romfile="));
        }
        args.addAll(settings.extraArgs());
        return args;
    }

    /**
     * The plan's command line with {@code console=<console>} added when it names no console:
     * only the serial port is shown, and a kernel prints to a screen nobody sees otherwise.
     * A command line that names a console is left alone (the user chose).
     */
    static String withConsole(String commandLine, String console) {
        if (console.isEmpty() || namesConsole(commandLine)) {
            return commandLine;
        }
        return commandLine.isBlank() ? "console=" + console : commandLine + " console=" + console;
    }

    static boolean namesConsole(String commandLine) {
        return Arrays.stream(commandLine.trim().split("\\s+")).anyMatch(word -> word.startsWith("console="));
    }

    /**
     * Finds {@code binary}: a path as given, a bare name on {@code searchPath} (PATH's syntax).
     */
    static Optional<Path> locate(String binary, String searchPath) {
        if (binary.contains("/")) {
            Path path = Path.of(binary);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, binary);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
