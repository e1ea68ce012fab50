package io.jpxe.boot.plan.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootExecutor;
import io.jpxe.api.boot.JpxeBootExecutor;
import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.console.Console;

/**
 * The {@code plan} boot executor ({@code --boot=plan}): boots nothing, but writes down what would
 * be booted. It prints a summary on the console's standard output and, when the framework property
 * {@value #OUT_PROPERTY} names a file, writes the plan there as JSON ({@link PlanJson}), atomically
 * (a temporary file in the same directory, then a rename), so a reader never sees half a plan.
 * The plan counts as handed over: the script run ends.
 *
 * <p>Called on a script thread. Thread-safe (immutable).
 */
@Component(service = BootExecutor.class)
@JpxeBootExecutor(PlanBootExecutor.NAME)
public final class PlanBootExecutor implements BootExecutor {
    static final String NAME = "plan";
    /** Framework property: where to write the JSON plan (unset or empty: nowhere). */
    public static final String OUT_PROPERTY = "jpxe.plan.out";

    private final Path output;

    @Activate
    public PlanBootExecutor(BundleContext context) {
        this(outputPath(context.getProperty(OUT_PROPERTY)));
    }

    /**
     * An executor outside OSGi (tests).
     *
     * @param output the JSON file to write, or {@code null} for none
     */
    public PlanBootExecutor(Path output) {
        this.output = output;
    }

    private static Path outputPath(String property) {
        return property == null || property.isBlank() ? null : Path.of(property.trim());
    }

    @Override
    public Outcome boot(BootPlan plan, Console console) throws JpxeException {
        if (output != null) {
            write(PlanJson.render(plan, NAME));
        }
        console.out().print(PlanSummary.render(plan));
        console.out().flush();
        return Outcome.HANDED_OVER;
    }

    private void write(String json) throws JpxeException {
        Path target = output.toAbsolutePath();
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write already failed; that is the error worth reporting
                }
            }
            throw new JpxeException(Errno.EIO, "cannot write the boot plan to " + target + " (" + OUT_PROPERTY
                    + "): " + e, e);
        }
    }
}
