package io.jpxe.boot.kexec.internal;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * Turns a refused {@code kexec_file_load} or {@code reboot} into a message that says what to do,
 * using what the host says about itself ({@link KexecHost}). Stateless.
 */
final class KexecFailures {
    private KexecFailures() {
    }

    /**
     * The error for {@code kexec_file_load} failing with {@code errno}.
     *
     * @param kernel         the kernel image's name
     * @param commandLineLen the {@code cmdline_len} passed (NUL included)
     * @param kernelSize     the kernel's size in bytes
     * @param initrdSize     the assembled initrd's size in bytes (0 for none)
     */
    static JpxeException load(int errno, String kernel, KexecHost host, int commandLineLen, long kernelSize,
            long initrdSize) {
        String call = "kexec_file_load(" + kernel + ") failed with " + Errnos.describe(errno) + ": ";
        return switch (errno) {
            case Errnos.EPERM -> permission(call, kernel, host);
            case Errnos.EKEYREJECTED, Errnos.ENOKEY, Errnos.EBADMSG, Errnos.EKEYEXPIRED, Errnos.EKEYREVOKED,
                    Errnos.ENOPKG -> new JpxeException(Errno.EPERM, call + "the running kernel checks kernel "
                            + "signatures" + lockdownNote(host) + " and rejected " + kernel
                            + "'s: boot a kernel signed with a key the running kernel trusts (Debian's are)");
            case Errnos.ENOEXEC -> new JpxeException(Errno.ENOEXEC, call + kernel + " is not a kernel the running "
                    + "kernel can kexec: it takes 64-bit x86 bzImages (boot protocol 2.12 or later, loadable above 4 GiB)");
            case Errnos.ENOSYS -> new JpxeException(Errno.ENOSYS, call + "the running kernel was built without "
                    + "kexec_file_load (CONFIG_KEXEC_FILE)");
            case Errnos.EBUSY -> new JpxeException(Errno.EBUSY, call + "another kexec is being loaded or run; "
                    + "try again");
            case Errnos.EINVAL -> new JpxeException(Errno.EINVAL, call + "the running kernel refused the arguments: "
                    + "the command line (" + commandLineLen + " bytes with its NUL) may be longer than " + kernel
                    + " accepts, or the initrd (" + initrdSize + " bytes) does not fit its limits");
            case Errnos.ENOMEM -> new JpxeException(Errno.ENOMEM, call + "not enough memory to hold " + kernel
                    + " (" + kernelSize + " bytes) and its initrd (" + initrdSize + " bytes) until the reboot");
            case Errnos.ETXTBSY -> new JpxeException(Errno.EBUSY, call + "a file handed over is open for "
                    + "writing somewhere, and the kernel refuses such files");
            case Errnos.EFBIG -> new JpxeException(Errno.EFBIG, call + "the kernel or initrd is larger than the "
                    + "running kernel reads (" + kernelSize + " and " + initrdSize + " bytes)");
            default -> new JpxeException(Errno.EIO, call + "the kernel was not loaded");
        };
    }

    private static JpxeException permission(String call, String kernel, KexecHost host) {
        if (!host.capSysBoot()) {
            return new JpxeException(Errno.EPERM, call + "kexec needs root (CAP_SYS_BOOT)");
        }
        if (host.loadDisabled()) {
            return new JpxeException(Errno.EPERM, call + "kexec is switched off on this machine "
                    + "(/proc/sys/kernel/kexec_load_disabled is 1, which only a reboot resets)");
        }
        if (host.lockedDown()) {
            return new JpxeException(Errno.EPERM, call + "the running kernel is locked down (lockdown="
                    + host.lockdown().orElseThrow() + ", e.g. by UEFI Secure Boot) and kexecs only signed kernels: "
                    + kernel + " must be signed with a key it trusts");
        }
        return new JpxeException(Errno.EPERM, call + "not permitted (a security module, a seccomp filter or a "
                + "kernel requiring signed kernels may forbid it)");
    }

    private static String lockdownNote(KexecHost host) {
        return host.lockedDown() ? " (lockdown=" + host.lockdown().orElseThrow() + ")" : "";
    }

    /** The error for {@code reboot(LINUX_REBOOT_CMD_KEXEC)} failing with {@code errno}. */
    static JpxeException reboot(int errno, String kernel, KexecHost host) {
        String call = "reboot into " + kernel + " (LINUX_REBOOT_CMD_KEXEC) failed with " + Errnos.describe(errno)
                + ": ";
        return switch (errno) {
            case Errnos.EPERM -> new JpxeException(Errno.EPERM, call + (host.capSysBoot()
                    ? "not permitted" : "kexec needs root (CAP_SYS_BOOT)"));
            case Errnos.EINVAL -> new JpxeException(Errno.EIO, call + "the kernel was no longer loaded");
            default -> new JpxeException(Errno.EIO, call + "the machine was not handed over");
        };
    }
}
