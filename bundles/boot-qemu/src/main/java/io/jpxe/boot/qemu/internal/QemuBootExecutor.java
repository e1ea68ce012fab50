package io.jpxe.boot.qemu.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootExecutor;
import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.boot.JpxeBootExecutor;
import io.jpxe.api.console.Console;
import io.jpxe.api.image.Image;
import io.jpxe.boot.linux.HandoverFile;
import io.jpxe.boot.linux.InitrdAssembler;

/**
 * The {@code qemu} boot executor ({@code --boot=qemu}), for hosted mode: boots the plan's kernel,
 * initrds (assembled as iPXE loads them, {@link InitrdAssembler}) and command line in a QEMU
 * virtual machine and streams the guest's serial console to the jPXE console, line by line
 * ({@code console=ttyS0} is added to a command line that names no console). The boot ends when
 * QEMU does: the guest powering off or rebooting counts as handed over. Ctrl-C (or a cancelled
 * script) and the optional timeout stop QEMU. Settings: {@link QemuSettings}.
 *
 * <p>Called on a script thread, which waits for the guest. Thread-safe; QEMU processes still
 * running when the component is deactivated or the JVM exits are stopped.
 */
@Component(service = BootExecutor.class)
@JpxeBootExecutor(QemuBootExecutor.NAME)
public final class QemuBootExecutor implements BootExecutor {
    static final String NAME = "qemu";
    static final String PACKAGE = "qemu-system-x86";
    private static final int STDERR_TAIL = 5;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration GRACE = Duration.ofSeconds(3);

    private final Function<String, String> properties;
    private final Path root;
    private final String searchPath;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    @Activate
    public QemuBootExecutor(BundleContext context) {
        this(context::getProperty, Path.of("/"), System.getenv("PATH"));
    }

    /**
     * @param properties where settings are read ({@link QemuSettings})
     * @param root       the file system root under which {@code /dev/kvm} and {@code /proc/cpuinfo} are read
     * @param searchPath PATH, to find the QEMU program
     */
    QemuBootExecutor(Function<String, String> properties, Path root, String searchPath) {
        this.properties = properties;
        this.root = root;
        this.searchPath = searchPath;
    }

    @Deactivate
    void stopAll() {
        running.forEach(QemuBootExecutor::stop);
    }

    @Override
    public Outcome boot(BootPlan plan, Console console) throws JpxeException {
        QemuSettings settings;
        try {
            settings = QemuSettings.from(properties);
        } catch (IllegalArgumentException e) {
            throw new JpxeException(Errno.EINVAL, "qemu: " + e.getMessage());
        }
        Path binary = QemuCommand.locate(settings.binary(), searchPath).orElseThrow(() -> new JpxeException(
                Errno.ENOENT, "cannot boot " + plan.kernel().name() + " in QEMU: " + settings.binary()
                        + " is not installed (install the Debian package " + PACKAGE + ", or set "
                        + QemuSettings.BINARY + ")"));
        String accel = Accelerators.choose(settings.accel(), root);
        String commandLine = QemuCommand.withConsole(plan.commandLine(), settings.console());
        List<HandoverFile> copies = new ArrayList<>();
        try {
            Path kernel = pathOf(plan.kernel(), copies);
            Optional<Path> initrd = Optional.empty();
            if (InitrdAssembler.needsAssembly(plan.initrds())) {
                HandoverFile assembled = InitrdAssembler.assemble(plan.initrds());
                copies.add(assembled);
                initrd = Optional.of(assembled.path());
            } else if (!plan.initrds().isEmpty()) {
                initrd = Optional.of(pathOf(plan.initrds().getFirst(), copies));
            }
            List<String> arguments = QemuCommand.arguments(settings, binary, accel, kernel, initrd, commandLine);
            PrintStream out = console.out();
            out.println("Booting " + plan.kernel().name() + " in QEMU (" + accel + ", " + settings.memory()
                    + "; Ctrl-C stops it)");
            if (!settings.console().isEmpty() && QemuCommand.namesConsole(plan.commandLine())
                    && !plan.commandLine().contains("console=" + settings.console())) {
                console.err().println("qemu: only " + settings.console() + " is shown; the command line sends the "
                        + "kernel's console elsewhere");
            }
            out.flush();
            return run(arguments, plan.kernel().name(), settings.timeout(), console);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "cannot prepare " + plan.kernel().name() + " for QEMU: "
                    + e.getMessage(), e);
        } finally {
            copies.forEach(HandoverFile::close);
        }
    }

    /** A path QEMU can open: the image's own, or a copy when the image has no file. */
    private static Path pathOf(Image image, List<HandoverFile> copies) throws IOException {
        try {
            return image.path();
        } catch (UnsupportedOperationException e) {
            HandoverFile copy = HandoverFile.copyOf(image);
            copies.add(copy);
            return copy.path();
        }
    }

    private Outcome run(List<String> arguments, String kernel, Duration timeout, Console console)
            throws JpxeException {
        Process process;
        try {
            process = new ProcessBuilder(arguments).start();
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "cannot start " + arguments.getFirst() + ": " + e.getMessage(), e);
        }
        running.add(process);
        Thread stopOnExit = new Thread(() -> stop(process), "qemu-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        Deque<String> stderrTail = new ArrayDeque<>();
        PrintStream out = console.out();
        PrintStream err = console.err();
        Thread serial = LinePump.start("qemu-serial", process.getInputStream(), out::println);
        Thread diagnostics = LinePump.start("qemu-stderr", process.getErrorStream(), line -> {
            err.println("qemu: " + line);
            synchronized (stderrTail) {
                stderrTail.addLast(line);
                if (stderrTail.size() > STDERR_TAIL) {
                    stderrTail.removeFirst();
                }
            }
        });
        try {
            awaitEnd(process, kernel, timeout, console);
            serial.join(GRACE);
            diagnostics.join(GRACE);
            if (console.consumeInterrupt()) {
                // Ctrl-C on a terminal reaches QEMU too (same process group), which then quits with status 0
                throw new JpxeException(Errno.ECANCELED, "boot of " + kernel + " in QEMU cancelled; QEMU was stopped");
            }
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new JpxeException(Errno.ECANCELED, "boot of " + kernel + " in QEMU interrupted; QEMU was stopped");
        } finally {
            running.remove(process);
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it stops QEMU itself
            }
            out.flush();
        }
        int status = process.exitValue();
        if (status != 0) {
            String tail;
            synchronized (stderrTail) {
                tail = String.join(" / ", stderrTail);
            }
            throw new JpxeException(Errno.EIO, arguments.getFirst() + " exited with status " + status + " booting "
                    + kernel + (tail.isEmpty() ? "" : ": " + tail));
        }
        return Outcome.HANDED_OVER;
    }

    private static void awaitEnd(Process process, String kernel, Duration timeout, Console console)
            throws InterruptedException, JpxeException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            if (console.consumeInterrupt()) {
                stop(process);
                throw new JpxeException(Errno.ECANCELED, "boot of " + kernel + " in QEMU cancelled; QEMU was stopped");
            }
            if (!timeout.isZero() && System.nanoTime() - deadline > 0) {
                stop(process);
                throw new JpxeException(Errno.ETIMEDOUT, kernel + " was still running in QEMU after "
                        + timeout.toSeconds() + " s (" + QemuSettings.TIMEOUT + "); QEMU was stopped");
            }
        }
    }

    /** Asks QEMU to quit (SIGTERM), then kills it if it has not within the grace period. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
