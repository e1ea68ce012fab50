package io.jpxe.boot.qemu.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Chooses QEMU's accelerator for {@code auto}: KVM only when {@code /dev/kvm} opens for reading
 * and writing <em>and</em> the CPU has hardware virtualisation ({@code vmx} or {@code svm} in
 * {@code /proc/cpuinfo}). Both are needed: a paravirtual {@code /dev/kvm} (e.g. {@code kvm_pvm}
 * in nested cloud VMs) opens fine, yet unmodified guests hang or crash on it; TCG always works.
 */
final class Accelerators {
    private static final Pattern VIRTUALISATION_FLAG = Pattern.compile("(?m)^flags\\s*:.*\\b(vmx|svm)\\b");

    private Accelerators() {
    }

    /** The {@code -accel} value for {@code setting} on the machine whose files are under {@code root}. */
    static String choose(String setting, Path root) {
        if (!"auto".equals(setting)) {
            return setting;
        }
        return kvmUsable(root) ? "kvm" : "tcg";
    }

    static boolean kvmUsable(Path root) {
        try (FileChannel kvm = FileChannel.open(root.resolve("dev/kvm"), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            return VIRTUALISATION_FLAG.matcher(Files.readString(root.resolve("proc/cpuinfo"))).find();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
