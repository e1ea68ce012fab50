package io.jpxe.commands.system.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import org.osgi.framework.BundleContext;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * Restarts or powers the machine off through the Linux kernel ({@code sync(2)} then
 * {@code reboot(2)}, called with the FFM API), only in image mode: when jPXE is the machine's
 * {@code init} (PID 1) or the launcher says so ({@code jpxe.mode=image}). In hosted mode the
 * machine belongs to somebody else, so the commands refuse with {@code ENOTSUP}. Stateless.
 */
final class LinuxPower {
    /** {@code LINUX_REBOOT_CMD_RESTART}. */
    static final int RESTART = 0x01234567;
    /** {@code LINUX_REBOOT_CMD_POWER_OFF}. */
    static final int POWER_OFF = 0x4321FEDC;

    private final boolean imageMode;

    LinuxPower(boolean imageMode) {
        this.imageMode = imageMode;
    }

    /** Image mode as the running framework sees it. */
    static LinuxPower of(BundleContext context) {
        String mode = context == null ? null : context.getProperty("jpxe.mode");
        return new LinuxPower("image".equals(mode) || ProcessHandle.current().pid() == 1);
    }

    boolean imageMode() {
        return imageMode;
    }

    /**
     * Does not return on success.
     *
     * @throws JpxeException {@code ENOTSUP} in hosted mode, {@code EPERM}/{@code EIO} when the kernel refuses
     */
    void reboot(String what, int command) throws JpxeException {
        if (!imageMode) {
            throw new JpxeException(Errno.ENOTSUP, what + " is only possible when jPXE runs as the machine's init "
                    + "(image mode); this jPXE is a hosted process and leaves the machine alone");
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            MethodHandle sync = linker.downcallHandle(libc.find("sync").orElseThrow(), FunctionDescriptor.ofVoid());
            MethodHandle reboot = linker.downcallHandle(libc.find("reboot").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            sync.invokeExact();
            int rc = (int) reboot.invokeExact(command);
            throw new JpxeException(Errno.EPERM, what + ": the kernel refused (reboot(2) returned " + rc + ")");
        } catch (JpxeException e) {
            throw e;
        } catch (Throwable e) {
            throw new JpxeException(Errno.EIO, what + ": cannot call reboot(2) (" + e + ")", e);
        }
    }
}
