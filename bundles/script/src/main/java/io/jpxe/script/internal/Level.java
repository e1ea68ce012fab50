package io.jpxe.script.internal;

import java.net.URI;
import java.util.Optional;

import io.jpxe.api.image.Image;

/**
 * One script or shell level and its stop state (iPXE's {@code shell_stop}): {@code goto} stops the
 * rest of the current line, {@code exit} and {@code chain --replace} stop the whole level. For a
 * script it also holds the read position and the pending replacement. Used by the one thread that
 * runs the level.
 */
final class Level {
    /** Abandon the rest of the current command line ({@code SHELL_STOP_COMMAND}). */
    static final int STOP_COMMAND = 1;
    /** Abandon the current script or shell ({@code SHELL_STOP_COMMAND_SEQUENCE}). */
    static final int STOP_SEQUENCE = 2;

    private final ScriptText script;
    private final String location;
    private final Optional<URI> uri;
    private final int depth;
    private int stop;
    private int offset;
    private int lineNumber = 1;
    private Image replacement;

    private Level(ScriptText script, String location, Optional<URI> uri, int depth) {
        this.script = script;
        this.location = location;
        this.uri = uri;
        this.depth = depth;
    }

    /** A script level; {@code location} names it in error messages. */
    static Level script(ScriptText script, String location, Optional<URI> uri, int depth) {
        return new Level(script, location, uri, depth);
    }

    /** An interactive shell or single command line: no labels. */
    static Level shell(int depth) {
        return new Level(null, null, Optional.empty(), depth);
    }

    boolean isScript() {
        return script != null;
    }

    ScriptText script() {
        return script;
    }

    String location() {
        return location;
    }

    Optional<URI> uri() {
        return uri;
    }

    int depth() {
        return depth;
    }

    int offset() {
        return offset;
    }

    int lineNumber() {
        return lineNumber;
    }

    void moveTo(int newOffset, int newLineNumber) {
        offset = newOffset;
        lineNumber = newLineNumber;
    }

    void stop(int state) {
        stop = Math.max(stop, state);
    }

    /**
     * iPXE's {@code shell_stopped(state)}: whether a stop of at least {@code state} is pending;
     * stops up to {@code state} are consumed.
     */
    boolean stopped(int state) {
        boolean stopped = stop >= state;
        if (stop <= state) {
            stop = 0;
        }
        return stopped;
    }

    Image replacement() {
        return replacement;
    }

    void replacement(Image image) {
        replacement = image;
    }
}
