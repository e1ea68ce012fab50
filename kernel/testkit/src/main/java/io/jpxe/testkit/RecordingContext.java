package io.jpxe.testkit;

import java.net.URI;
import java.util.Optional;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.image.Image;

/**
 * A command context for tests: a {@link RecordingConsole}, an optional script location, and a record
 * of the script control a command asked for (jump, exit, terminate, replace). Not thread-safe, except
 * {@link #cancel()}.
 */
public class RecordingContext implements CommandContext {
    private final RecordingConsole console;
    private URI scriptUri;
    private int line;
    private String jumpedTo;
    private Integer exitStatus;
    private Integer terminatedStatus;
    private Image replacement;
    /** Volatile: a test may cancel from another thread while the command runs. */
    private volatile boolean cancelled;

    public RecordingContext() {
        this(new RecordingConsole());
    }

    public RecordingContext(RecordingConsole console) {
        this.console = console;
    }

    /** Pretends the command runs at {@code uri}:{@code line} of a script; a {@code null} uri means no script. */
    public RecordingContext inScript(URI uri, int line) {
        this.scriptUri = uri;
        this.line = line;
        return this;
    }

    /** Makes {@link #checkCancelled()} fail, as after Ctrl-C; may be called from any thread. */
    public RecordingContext cancel() {
        this.cancelled = true;
        return this;
    }

    @Override
    public RecordingConsole console() {
        return console;
    }

    @Override
    public Optional<URI> scriptUri() {
        return Optional.ofNullable(scriptUri);
    }

    @Override
    public int line() {
        return line;
    }

    @Override
    public void jumpTo(String label) throws JpxeException {
        if (scriptUri == null) {
            throw new JpxeException(Errno.ENOTTY, "Not in a script");
        }
        jumpedTo = label;
    }

    @Override
    public void exit(int status) {
        exitStatus = status;
    }

    @Override
    public void terminate(int status) {
        terminatedStatus = status;
    }

    @Override
    public void replaceCurrentScript(Image image) throws JpxeException {
        if (scriptUri == null) {
            throw new JpxeException(Errno.ENOTTY, "no script is running");
        }
        replacement = image;
    }

    @Override
    public void checkCancelled() throws JpxeException {
        if (cancelled) {
            throw new JpxeException(Errno.ECANCELED, "");
        }
    }

    /** The label given to {@link #jumpTo}, if any. */
    public Optional<String> jumpedTo() {
        return Optional.ofNullable(jumpedTo);
    }

    /** The status given to {@link #exit}, if any. */
    public Optional<Integer> exitStatus() {
        return Optional.ofNullable(exitStatus);
    }

    /** The status given to {@link #terminate}, if any. */
    public Optional<Integer> terminatedStatus() {
        return Optional.ofNullable(terminatedStatus);
    }

    /** The image given to {@link #replaceCurrentScript}, if any. */
    public Optional<Image> replacement() {
        return Optional.ofNullable(replacement);
    }
}
