package io.jpxe.boot.kexec.internal;

import java.nio.file.Path;

/**
 * The system calls a kexec boot makes, in the order it makes them. {@link LinuxKexecSystem} makes
 * them for real; tests record them (calling {@code kexec_file_load} on a test host would load a
 * kernel into it).
 */
interface KexecSystem {

    /** A failed system call with its {@code errno}. */
    final class ErrnoException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int errno;

        ErrnoException(String call, int errno) {
            super(call + " failed: " + Errnos.describe(errno));
            this.errno = errno;
        }

        int errno() {
            return errno;
        }
    }

    /** Opens {@code path} read-only; returns the descriptor. */
    int openReadOnly(Path path) throws ErrnoException;

    /** Closes a descriptor (best effort). */
    void close(int fd);

    /**
     * {@code kexec_file_load(kernelFd, initrdFd, cmdline_len, cmdline, flags)}.
     *
     * @param commandLine the command line with its terminating NUL (its length is {@code cmdline_len})
     */
    void kexecFileLoad(int kernelFd, int initrdFd, byte[] commandLine, long flags) throws ErrnoException;

    /** {@code sync()}: file systems written before the machine is handed over. */
    void sync();

    /** {@code reboot(LINUX_REBOOT_CMD_KEXEC)}: returns only when it failed. */
    void rebootIntoLoadedKernel() throws ErrnoException;
}
