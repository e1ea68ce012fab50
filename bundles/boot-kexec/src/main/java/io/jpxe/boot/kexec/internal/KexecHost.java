package io.jpxe.boot.kexec.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the running kernel says about kexec, read only to explain a refusal: the lockdown mode,
 * whether this process holds {@code CAP_SYS_BOOT}, whether kexec was switched off.
 *
 * @param lockdown     the active lockdown mode ({@code none}, {@code integrity},
 *                     {@code confidentiality}), empty when the kernel does not say
 * @param capSysBoot   whether the effective capabilities include {@code CAP_SYS_BOOT}
 * @param loadDisabled whether {@code /proc/sys/kernel/kexec_load_disabled} is set
 */
record KexecHost(Optional<String> lockdown, boolean capSysBoot, boolean loadDisabled) {
    static final int CAP_SYS_BOOT = 22;
    private static final Pattern ACTIVE_MODE = Pattern.compile("\\[([a-z]+)\\]");
    private static final Pattern CAP_EFF = Pattern.compile("(?m)^CapEff:\\s*([0-9a-fA-F]+)$");

    /** Whether the kernel is locked down (then it kexecs only kernels signed with a key it trusts). */
    boolean lockedDown() {
        return lockdown.isPresent() && !lockdown.get().equals("none");
    }

    /** Reads the facts of this machine. */
    static KexecHost current() {
        return read(Path.of("/"));
    }

    /**
     * Reads the facts under {@code root} ({@code sys/kernel/security/lockdown},
     * {@code proc/self/status}, {@code proc/sys/kernel/kexec_load_disabled}). What cannot be read
     * is assumed harmless: no lockdown, the capability held, kexec enabled.
     */
    static KexecHost read(Path root) {
        Optional<String> lockdown = text(root.resolve("sys/kernel/security/lockdown")).flatMap(s -> {
            Matcher m = ACTIVE_MODE.matcher(s);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        });
        boolean cap = text(root.resolve("proc/self/status")).map(s -> {
            Matcher m = CAP_EFF.matcher(s);
            return !m.find() || (Long.parseUnsignedLong(m.group(1), 16) & (1L << CAP_SYS_BOOT)) != 0;
        }).orElse(true);
        boolean disabled = text(root.resolve("proc/sys/kernel/kexec_load_disabled"))
                .map(s -> s.trim().equals("1")).orElse(false);
        return new KexecHost(lockdown, cap, disabled);
    }

    private static Optional<String> text(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
