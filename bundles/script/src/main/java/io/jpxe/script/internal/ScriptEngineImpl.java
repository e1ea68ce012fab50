package io.jpxe.script.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.console.Console;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.script.ScriptEngine;
import io.jpxe.api.settings.Settings;

/**
 * The iPXE script interpreter ({@code image/script.c}, {@code core/exec.c}). Scripts run on the
 * caller's thread; lines are read as iPXE does, the script stops at its end, at {@code exit} or at
 * the first failing line, and {@code goto} resumes at the label's line. Commands come from
 * {@link Command} services, found by their {@code jpxe.command} property as they come and go.
 *
 * <p>{@code chain --replace} is a tail call: once the script stops, its replacement is executed
 * through the {@link ImageManager}; replacements of replacements are run in a loop by the first
 * script, so endless replacement chains do not grow the stack. Thread-safe: each run keeps its
 * state on its own stack.
 */
@Component(service = ScriptEngine.class)
public final class ScriptEngineImpl implements ScriptEngine {
    /** Nested {@code chain}s of scripts beyond this fail, instead of exhausting the stack. */
    static final int MAX_DEPTH = 64;
    /** Larger images are refused as scripts (iPXE has no limit; nothing real comes close). */
    static final int MAX_SCRIPT_BYTES = 64 * 1024 * 1024;
    private static final String PROMPT = "iPXE> ";

    private final Console console;
    private final CommandRegistry commands = new CommandRegistry();
    private final LineExecutor executor;
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final AtomicBoolean shutDown = new AtomicBoolean();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ImageManager imageManager;

    @Activate
    public ScriptEngineImpl(@Reference Settings settings, @Reference Console console) {
        this.console = console;
        this.executor = new LineExecutor(this, settings, commands);
    }

    /** Commands are taken at their first use, never while SCR activates the engine (see CommandRegistry). */
    @Reference(name = "Command", service = Command.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeCommand")
    void addCommand(ComponentServiceObjects<Command> command, Map<String, Object> properties) {
        commands.addLazily(command, properties);
    }

    void removeCommand(ComponentServiceObjects<Command> command, Map<String, Object> properties) {
        commands.remove(command, properties);
    }

    /** Adds a command object (outside OSGi, e.g. in tests). */
    void bindCommand(Command command, Map<String, Object> properties) {
        commands.add(command, properties);
    }

    /** Removes a command added by {@link #bindCommand}. */
    void unbindCommand(Command command, Map<String, Object> properties) {
        commands.remove(command, properties);
    }

    /** Sets the image manager (outside OSGi, e.g. in tests). */
    void imageManager(ImageManager manager) {
        this.imageManager = manager;
    }

    @Deactivate
    void deactivate() {
        shutDown.set(true);
    }

    /** Runs one expanded command as a line would (used by {@code time}); returns its status. */
    int invoke(List<String> argv, EngineContext caller) {
        return executor.invoke(argv, caller);
    }

    /** The names of the commands available now. */
    SortedSet<String> commandNames() {
        return commands.names();
    }

    @Override
    public int run(Image script, CommandContext caller) {
        EngineContext parent = caller instanceof EngineContext c ? c : null;
        Session session = parent != null ? parent.session() : new Session();
        Console out = caller != null ? caller.console() : console;
        int depth = parent != null ? parent.childDepth() : 0;
        String location = script.uri().map(Object::toString).orElse(script.name());
        if (depth > MAX_DEPTH) {
            LineExecutor.report(out, null, 0, location + ": too many nested scripts (limit " + MAX_DEPTH + "): "
                    + Errno.ENOMEM.message());
            return Errno.ENOMEM.status();
        }
        byte[] bytes;
        try {
            bytes = read(script);
        } catch (JpxeException e) {
            LineExecutor.report(out, null, 0, location + ": " + e.describe());
            return e.status();
        }
        Level level = Level.script(new ScriptText(bytes), location, script.uri(), depth);
        int rc = runLevel(level, session, out);
        if (!session.terminated() && level.replacement() != null) {
            if (parent != null && parent.isReplacementRunner()) {
                parent.handOver(level.replacement());
                return 0;
            }
            rc = runReplacements(level.replacement(), location, session, out, depth);
        }
        return session.terminated() ? session.terminateStatus() : rc;
    }

    private int runLevel(Level level, Session session, Console out) {
        ScriptText text = level.script();
        int rc = 0;
        do {
            ScriptText.Line line = text.read(level.offset(), level.lineNumber());
            level.moveTo(line.nextOffset(), line.nextNumber());
            if (line.unterminated()) {
                LineExecutor.report(out, level, line.number(),
                        "backslash continuation at end of script: " + Errno.EINVAL.message());
                return Errno.EINVAL.status();
            }
            if (out.consumeInterrupt()) {
                // Ctrl-C between lines: stops a runaway script (a goto loop) like a failing line
                LineExecutor.report(out, level, line.number(), Errno.ECANCELED.message());
                return Errno.ECANCELED.status();
            }
            rc = executor.executeLine(line.command(), level, line.number(), session, out);
            if (level.stopped(Level.STOP_SEQUENCE) || rc != 0 || session.terminated() || shutDown.get()) {
                break;
            }
        } while (level.offset() < text.length());
        return rc;
    }

    /** Runs {@code first} and every replacement it asks for in turn; returns the last one's status. */
    private int runReplacements(Image first, String location, Session session, Console out, int depth) {
        Image next = first;
        int rc = 0;
        while (next != null && !session.terminated()) {
            ImageManager manager = imageManager;
            if (manager == null) {
                LineExecutor.report(out, null, 0, location + ": cannot run replacement " + next.name()
                        + " without an image manager: " + Errno.ENOTSUP.message());
                return Errno.ENOTSUP.status();
            }
            EngineContext runner = new EngineContext(this, session, null, 0, out, true, depth);
            try {
                manager.execute(next, runner);
                rc = 0;
            } catch (JpxeException e) {
                if (!(e instanceof io.jpxe.api.StatusException)) {
                    LineExecutor.report(out, null, 0, next.name() + ": " + e.describe());
                }
                rc = e.status() != 0 ? e.status() : Errno.EIO.status();
            } catch (RuntimeException e) {
                LineExecutor.report(out, null, 0, next.name() + ": internal error (" + e + "): " + Errno.EIO.message());
                rc = Errno.EIO.status();
            }
            next = runner.takePendingReplacement();
        }
        return rc;
    }

    private static byte[] read(Image script) throws JpxeException {
        if (script.size() > MAX_SCRIPT_BYTES) {
            throw tooLarge(script.size());
        }
        try (InputStream in = script.openStream()) {
            byte[] bytes = in.readNBytes(MAX_SCRIPT_BYTES + 1);
            if (bytes.length > MAX_SCRIPT_BYTES) {
                throw tooLarge(bytes.length);
            }
            return bytes;
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "cannot read script (" + e.getMessage() + ")", e);
        }
    }

    private static JpxeException tooLarge(long size) {
        return new JpxeException(Errno.EFBIG, "script of " + size + " bytes is larger than the limit of "
                + MAX_SCRIPT_BYTES + " bytes");
    }

    @Override
    public int execute(String commandLine, Console console) {
        Session session = new Session();
        return executor.executeLine(commandLine == null ? "" : commandLine, Level.shell(0), 0, session, console);
    }

    @Override
    public int shell(Console console) {
        Session session = new Session();
        Level level = Level.shell(0);
        while (!shutDown.get() && !session.terminated()) {
            Optional<String> line;
            try {
                line = console.readLine(PROMPT, "", Duration.ZERO);
            } catch (JpxeException e) {
                if (e.errno() == Errno.ECANCELED) {
                    console.out().println();
                    continue;
                }
                LineExecutor.report(console, null, 0, e.describe());
                return 0;
            }
            if (line.isEmpty()) {
                console.out().println();
                return 0;
            }
            console.consumeInterrupt(); // a Ctrl-C typed at the prompt must not cancel the next line
            int rc = executor.executeLine(line.get(), level, 0, session, console);
            if (level.stopped(Level.STOP_SEQUENCE)) {
                return rc;
            }
        }
        return session.terminated() ? session.terminateStatus() : 0;
    }

    @Override
    public boolean terminated() {
        return terminated.get();
    }

    void markTerminated() {
        terminated.set(true);
    }

    boolean isShutDown() {
        return shutDown.get();
    }
}
