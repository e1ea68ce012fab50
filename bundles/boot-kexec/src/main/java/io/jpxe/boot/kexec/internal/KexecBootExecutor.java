package io.jpxe.boot.kexec.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootExecutor;
import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.boot.JpxeBootExecutor;
import io.jpxe.api.console.Console;
import io.jpxe.boot.linux.HandoverFile;
import io.jpxe.boot.linux.InitrdAssembler;

/**
 * The {@code kexec} boot executor ({@code --boot=kexec}, the bootable image's): replaces the running
 * Linux kernel with the plan's, as a boot loader hands over the machine. The kernel and the
 * initrds, assembled as iPXE loads them ({@link InitrdAssembler}), are copied into read-only memory
 * files, loaded with {@code kexec_file_load} and started with {@code sync()} and
 * {@code reboot(LINUX_REBOOT_CMD_KEXEC)}.
 *
 * <p>Every check comes first; a refusal by the kernel leaves the machine as it was and says why
 * (privilege, lockdown and signatures, format, limits: {@link KexecFailures}). When the framework
 * property {@value #EXECUTE_PROPERTY} is {@code false}, the kernel is only loaded (a dry run; a
 * {@code kexec -e} would start it) and the script run ends as if it had been booted.
 *
 * <p>Called on a script thread. Thread-safe.
 */
@Component(service = BootExecutor.class)
@JpxeBootExecutor(KexecBootExecutor.NAME)
public final class KexecBootExecutor implements BootExecutor {
    static final String NAME = "kexec";
    /** Framework property: {@code false} loads the kernel without rebooting into it. */
    public static final String EXECUTE_PROPERTY = "jpxe.kexec.execute";

    private final KexecSystem system;
    private final Supplier<KexecHost> host;
    private final boolean execute;

    @Activate
    public KexecBootExecutor(BundleContext context) {
        this(new LinuxKexecSystem(), KexecHost::current, !"false".equalsIgnoreCase(
                String.valueOf(context.getProperty(EXECUTE_PROPERTY)).trim()));
    }

    KexecBootExecutor(KexecSystem system, Supplier<KexecHost> host, boolean execute) {
        this.system = system;
        this.host = host;
        this.execute = execute;
    }

    @Override
    public Outcome boot(BootPlan plan, Console console) throws JpxeException {
        KexecArguments arguments = KexecArguments.of(plan);
        String kernel = plan.kernel().name();
        load(plan, arguments);
        PrintStream out = console.out();
        if (!execute) {
            out.println("kexec: " + kernel + " is loaded; not booting it (" + EXECUTE_PROPERTY + "=false)");
            out.flush();
            return Outcome.HANDED_OVER;
        }
        out.println("Booting " + kernel + " via kexec");
        out.flush();
        console.err().flush();
        system.sync();
        try {
            system.rebootIntoLoadedKernel();
        } catch (KexecSystem.ErrnoException e) {
            unload();
            throw KexecFailures.reboot(e.errno(), kernel, host.get());
        }
        // reboot(KEXEC) does not return when it works
        unload();
        throw new JpxeException(Errno.EIO, "reboot into " + kernel + " returned without handing the machine over");
    }

    private void load(BootPlan plan, KexecArguments arguments) throws JpxeException {
        String kernel = plan.kernel().name();
        try (HandoverFile kernelFile = HandoverFile.copyOf(plan.kernel());
                HandoverFile initrdFile = arguments.hasInitrd() ? InitrdAssembler.assemble(plan.initrds()) : null) {
            int kernelFd = -1;
            int initrdFd = -1;
            try {
                kernelFd = system.openReadOnly(kernelFile.path());
                if (initrdFile != null) {
                    initrdFd = system.openReadOnly(initrdFile.path());
                }
                system.kexecFileLoad(kernelFd, initrdFd, arguments.commandLine(), arguments.flags());
            } catch (KexecSystem.ErrnoException e) {
                if (kernelFd < 0 || (initrdFile != null && initrdFd < 0)) {
                    throw new JpxeException(Errno.EIO, kernel + ": cannot open the files to hand over: "
                            + e.getMessage(), e);
                }
                throw KexecFailures.load(e.errno(), kernel, host.get(), arguments.commandLineLength(),
                        kernelFile.size(), initrdFile == null ? 0 : initrdFile.size());
            } finally {
                system.close(initrdFd);
                system.close(kernelFd);
            }
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, kernel + ": cannot prepare the kernel and initrds for kexec: "
                    + e.getMessage(), e);
        }
    }

    /** Leaves the machine as it was after a failed hand-over: no kernel stays loaded. */
    private void unload() {
        try {
            system.kexecFileLoad(-1, -1, new byte[0], KexecArguments.KEXEC_FILE_UNLOAD);
        } catch (KexecSystem.ErrnoException ignored) {
            // nothing was loaded, or it cannot be unloaded: the error that matters is already reported
        }
    }
}
