package io.jpxe.runner.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.console.Console;
import io.jpxe.api.script.ScriptEngine;
import io.jpxe.api.settings.Settings;

/**
 * What the launcher was asked to do ({@code run}, {@code shell}, or the embedded script), as a
 * {@link Callable} the launcher runs on its main thread; the result is the process exit status.
 *
 * <p>{@code jpxe run X} is iPXE's {@code chain X} typed at the shell, so a local script, a remote
 * script and a kernel behave exactly as they would in a script.
 */
@Component(service = Callable.class, property = "jpxe.main=true")
public class MainTask implements Callable<Integer> {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

    private final ScriptEngine engine;
    private final Console console;
    private final Settings settings;
    private final LaunchRequest request;
    private final ReadinessGate readiness;

    @Activate
    public MainTask(@Reference ScriptEngine engine, @Reference Console console, @Reference Settings settings,
            BundleContext context) {
        this.engine = engine;
        this.console = console;
        this.settings = settings;
        this.request = LaunchRequest.from(context::getProperty);
        this.readiness = new ReadinessGate(context);
    }

    @Override
    public Integer call() {
        List<String> missing = readiness.await(Duration.ofMillis(request.readyTimeoutMillis()));
        if (!missing.isEmpty()) {
            console.err().println("jpxe: still missing after " + request.readyTimeoutMillis() + " ms: "
                    + String.join(", ", missing));
        }
        for (String pair : request.settings()) {
            int eq = pair.indexOf('=');
            try {
                settings.store(pair.substring(0, eq), pair.substring(eq + 1));
            } catch (JpxeException e) {
                console.err().println("jpxe: --set " + pair + ": " + e.describe());
                return 2;
            }
        }
        return switch (request.command()) {
            case "run" -> orShell(runTarget());
            case "shell" -> exitStatus(engine.shell(console));
            default -> orShell(runEmbedded());
        };
    }

    private int runTarget() {
        String uri = toUri(request.target());
        if (request.imageMode() && !uri.startsWith("file:") && readiness.hasCommand("ifconf")) {
            // on its own machine nobody configured the network before jPXE: do it as autoboot would,
            // and let the chain report what is unreachable if that failed
            engine.execute("ifconf", console);
        }
        return exitStatus(engine.execute("chain " + uri, console));
    }

    /**
     * As iPXE does when its boot fails on a machine: the error has been printed, the shell follows
     * (the image's /init powers off once the shell exits).
     */
    private int orShell(int status) {
        if (status == 0 || !request.shellOnFailure()) {
            return status;
        }
        console.err().println("jpxe: the boot failed (exit status " + status
                + "); starting the shell (type \"exit\" to leave it)");
        return exitStatus(engine.shell(console));
    }

    private int runEmbedded() {
        if (request.embeddedScript() == null && offerShell()) {
            return exitStatus(engine.shell(console));
        }
        if (request.embeddedScript() == null) {
            // As iPXE does without an embedded script: DHCP on each NIC, then chain ${filename}.
            if (readiness.hasCommand("autoboot")) {
                return exitStatus(engine.execute("autoboot", console));
            }
            console.err().println("jpxe: this image embeds no script and cannot autoboot (no network bundles);"
                    + " give a script with `jpxe run <file|URI>` or use `jpxe shell`");
            return 2;
        }
        try {
            Path script = Files.createTempFile("jpxe-embedded", ".ipxe");
            try {
                Files.writeString(script, request.embeddedScript());
                return exitStatus(engine.execute("chain " + script.toUri(), console));
            } finally {
                Files.deleteIfExists(script);
            }
        } catch (IOException e) {
            console.err().println("jpxe: cannot stage the embedded script: " + e.getMessage());
            return 1;
        }
    }

    /**
     * iPXE's start-up banner: before autoboot, on a terminal, Ctrl-B within the banner timeout
     * ({@code jpxe.banner.timeout} ms, default 2000, 0 = no banner) opens the shell instead.
     */
    private boolean offerShell() {
        if (!console.isInteractive() || request.bannerTimeoutMillis() <= 0) {
            return false;
        }
        console.err().print("Press Ctrl-B for the iPXE command line...");
        console.err().flush();
        long deadline = System.nanoTime() + Duration.ofMillis(request.bannerTimeoutMillis()).toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                OptionalInt key = console.readKey(Duration.ofNanos(left));
                if (key.isEmpty()) {
                    return false;
                }
                if (key.getAsInt() == Console.Keys.CTRL_B) {
                    return true;
                }
            }
        } catch (JpxeException e) {
            return false; // Ctrl-C during the banner: go on booting, as iPXE does
        } finally {
            console.err().println();
        }
    }

    /** A URI as given, or a local path made into an absolute {@code file:} URI. */
    static String toUri(String target) {
        if (SCHEME.matcher(target).matches()) {
            return target;
        }
        URI uri = Path.of(target).toAbsolutePath().normalize().toUri();
        return uri.toString();
    }

    /**
     * Maps an iPXE status to a process exit status: 0 stays 0, {@code exit N} gives {@code N} (mod 256),
     * a failing command (negative status) gives 1.
     */
    static int exitStatus(int status) {
        if (status == 0) {
            return 0;
        }
        if (status > 0) {
            int code = status & 0xff;
            return code == 0 ? 1 : code;
        }
        return 1;
    }
}
