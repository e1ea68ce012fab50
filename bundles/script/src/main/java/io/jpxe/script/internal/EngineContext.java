package io.jpxe.script.internal;

import java.net.URI;
import java.util.Optional;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.console.Console;
import io.jpxe.api.image.Image;

/**
 * The {@link CommandContext} the engine gives one command invocation: its level (script or shell),
 * line, console and session. Also used, without a level, as the caller when the engine hands a
 * replacement image to the image manager.
 */
final class EngineContext implements CommandContext {
    private final ScriptEngineImpl engine;
    private final Session session;
    private final Level level;
    private final int line;
    private final Console console;
    private Integer exitStatus;
    private Image pendingReplacement;
    private final boolean replacementRunner;
    private final int childDepth;

    /**
     * @param level             the level the command runs in, or {@code null} for a replacement runner
     * @param line              the command's line number (0 outside scripts)
     * @param replacementRunner whether this context runs replacement images (see {@link #isReplacementRunner})
     * @param childDepth        the nesting depth of a script this command would run
     */
    EngineContext(ScriptEngineImpl engine, Session session, Level level, int line, Console console,
            boolean replacementRunner, int childDepth) {
        this.childDepth = childDepth;
        this.engine = engine;
        this.session = session;
        this.level = level;
        this.line = line;
        this.console = console;
        this.replacementRunner = replacementRunner;
    }

    Session session() {
        return session;
    }

    ScriptEngineImpl engine() {
        return engine;
    }

    /** The level the command runs in, or {@code null} for a replacement runner. */
    Level level() {
        return level;
    }

    /** How deep a script run by this command would be nested. */
    int childDepth() {
        return childDepth;
    }

    /** The status given to {@link #exit}, if it was called. */
    Integer exitStatus() {
        return exitStatus;
    }

    /**
     * Whether this context runs replacement images for an outer script run, which then wants to be
     * handed further replacements rather than have them run nested (a trampoline that keeps
     * {@code chain --replace} loops from growing the stack).
     */
    boolean isReplacementRunner() {
        return replacementRunner;
    }

    void handOver(Image replacement) {
        pendingReplacement = replacement;
    }

    Image takePendingReplacement() {
        Image image = pendingReplacement;
        pendingReplacement = null;
        return image;
    }

    @Override
    public Console console() {
        return console;
    }

    @Override
    public Optional<URI> scriptUri() {
        return level == null ? Optional.empty() : level.uri();
    }

    @Override
    public int line() {
        return level != null && level.isScript() ? line : 0;
    }

    @Override
    public void jumpTo(String label) throws JpxeException {
        if (level == null || !level.isScript()) {
            throw new JpxeException(Errno.ENOTTY, "Not in a script");
        }
        Optional<ScriptText.Line> target;
        try {
            target = level.script().findLabel(label);
        } catch (IllegalStateException e) {
            throw new JpxeException(Errno.EINVAL, e.getMessage());
        }
        ScriptText.Line found = target.orElseThrow(
                () -> new JpxeException(Errno.ENOENT, "Label \"" + label + "\" not found"));
        level.moveTo(found.offset(), found.number());
        level.stop(Level.STOP_COMMAND);
    }

    @Override
    public void exit(int status) {
        exitStatus = status;
        if (level != null) {
            level.stop(Level.STOP_SEQUENCE);
        }
    }

    @Override
    public void terminate(int status) {
        session.terminate(status);
        engine.markTerminated();
    }

    @Override
    public void replaceCurrentScript(Image replacement) throws JpxeException {
        if (level == null || !level.isScript()) {
            throw new JpxeException(Errno.ENOTTY, "No script is running");
        }
        level.replacement(replacement);
        level.stop(Level.STOP_SEQUENCE);
    }

    @Override
    public void checkCancelled() throws JpxeException {
        if (engine.isShutDown() || session.terminated() || Thread.currentThread().isInterrupted()
                || console.consumeInterrupt()) {
            throw new JpxeException(Errno.ECANCELED, "Interrupted");
        }
    }
}
