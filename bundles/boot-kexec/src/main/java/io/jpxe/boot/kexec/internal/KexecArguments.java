package io.jpxe.boot.kexec.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootPlan;

/**
 * The arguments of {@code kexec_file_load} for a plan, checked before anything is loaded.
 *
 * @param commandLine the command line as the kernel takes it: UTF-8 with a terminating NUL
 * @param flags       {@link #KEXEC_FILE_NO_INITRAMFS} when the plan has no initrd, else 0
 */
record KexecArguments(byte[] commandLine, long flags) {
    /** No initrd: the initrd descriptor is ignored (pass -1). */
    static final long KEXEC_FILE_NO_INITRAMFS = 4;
    /** Unloads the loaded kernel. */
    static final long KEXEC_FILE_UNLOAD = 1;
    /** The only kernel format x86-64 {@code kexec_file_load} loads. */
    static final String BZIMAGE = "bzImage";

    /**
     * Builds and checks the arguments for {@code plan}.
     *
     * @throws JpxeException {@code ENOEXEC} for a kernel that is not a bzImage, {@code EINVAL} for a
     *                       command line with a NUL, {@code E2BIG} for one longer than the kernel's
     *                       {@code cmdline_size} (NUL included, as the kexec loader counts)
     */
    static KexecArguments of(BootPlan plan) throws JpxeException {
        String kernel = plan.kernel().name();
        if (!BZIMAGE.equals(plan.kernelType())) {
            throw new JpxeException(Errno.ENOEXEC, kernel + ": kexec boots Linux bzImage kernels, not "
                    + plan.kernelType() + " images");
        }
        if (plan.commandLine().indexOf('\0') >= 0) {
            throw new JpxeException(Errno.EINVAL, kernel + ": the kernel command line contains a NUL character");
        }
        byte[] text = plan.commandLine().getBytes(StandardCharsets.UTF_8);
        String limit = plan.details().get("cmdline_size");
        if (limit != null && limit.matches("\\d+") && text.length + 1 > Long.parseLong(limit)) {
            throw new JpxeException(Errno.E2BIG, kernel + ": the command line is " + text.length
                    + " bytes; with its NUL it must fit the kernel's cmdline_size of " + limit + " bytes");
        }
        byte[] withNul = Arrays.copyOf(text, text.length + 1);
        return new KexecArguments(withNul, plan.initrds().isEmpty() ? KEXEC_FILE_NO_INITRAMFS : 0);
    }

    /** Whether an initrd descriptor is passed. */
    boolean hasInitrd() {
        return (flags & KEXEC_FILE_NO_INITRAMFS) == 0;
    }

    /** The length passed as {@code cmdline_len}: the bytes with the NUL. */
    int commandLineLength() {
        return commandLine.length;
    }
}
