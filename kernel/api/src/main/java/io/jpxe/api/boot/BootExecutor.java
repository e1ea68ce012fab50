package io.jpxe.api.boot;

import org.osgi.annotation.versioning.ConsumerType;

import io.jpxe.api.JpxeException;
import io.jpxe.api.console.Console;

/**
 * Carries out a {@link BootPlan}: {@code kexec} into it, boot it in QEMU, or write it down
 * ({@code plan}). Registered with {@link JpxeBootExecutor}; the loader's {@code jpxe.boot} property
 * (the launcher's {@code --boot=}) chooses one.
 *
 * <p>Called on a script thread; may block for as long as the boot takes.
 */
@ConsumerType
public interface BootExecutor {

    /** How a boot ended. */
    enum Outcome {
        /** The machine (or the plan's consumer) has it: the loader stops running scripts, status 0. */
        HANDED_OVER,
        /** The booted image returned (e.g. a QEMU guest that was asked to return): scripts go on. */
        RETURNED
    }

    /**
     * Boots {@code plan}. Nothing may be handed over before every check passed: a bad plan fails
     * with a clear message and leaves the machine as it was.
     *
     * @throws JpxeException {@code EPERM}/{@code EACCES} for missing privilege, {@code ENOEXEC} for
     *                       images this executor cannot boot, {@code EIO} for failures of the hand-over
     */
    Outcome boot(BootPlan plan, Console console) throws JpxeException;
}
