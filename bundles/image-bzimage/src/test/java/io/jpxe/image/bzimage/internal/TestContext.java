package io.jpxe.image.bzimage.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.console.Console;
import io.jpxe.api.console.Progress;
import io.jpxe.api.image.Image;

/** A command context with a silent line-mode console; records {@link #terminate}. */
final class TestContext implements CommandContext, Console {
    private final PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Integer terminated;

    @Override
    public Console console() {
        return this;
    }

    @Override
    public Optional<URI> scriptUri() {
        return Optional.empty();
    }

    @Override
    public int line() {
        return 0;
    }

    @Override
    public void jumpTo(String label) throws JpxeException {
        throw new JpxeException(Errno.ENOTTY, "not in a script");
    }

    @Override
    public void exit(int status) {
    }

    @Override
    public void terminate(int status) {
        terminated = status;
    }

    @Override
    public void replaceCurrentScript(Image replacement) throws JpxeException {
        throw new JpxeException(Errno.ENOTTY, "not in a script");
    }

    @Override
    public void checkCancelled() {
    }

    @Override
    public PrintStream out() {
        return sink;
    }

    @Override
    public PrintStream err() {
        return sink;
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public OptionalInt readKey(Duration timeout) {
        return OptionalInt.empty();
    }

    @Override
    public Optional<String> readLine(String prompt, String initial, Duration timeout) {
        return Optional.empty();
    }

    @Override
    public Progress progress(String label, long expected) {
        return new Progress() {
            @Override
            public void expected(long bytes) {
            }

            @Override
            public void update(long bytes) {
            }

            @Override
            public void done() {
            }

            @Override
            public void failed(String message) {
            }

            @Override
            public void close() {
            }
        };
    }
}
