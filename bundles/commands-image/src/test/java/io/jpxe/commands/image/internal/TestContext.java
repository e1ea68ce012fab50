package io.jpxe.commands.image.internal;

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

/** A command context with a line-mode console that records standard output; records script control. */
final class TestContext implements CommandContext, Console {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    boolean inScript = true;
    Image replacement;

    String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public Console console() {
        return this;
    }

    @Override
    public Optional<URI> scriptUri() {
        return inScript ? Optional.of(URI.create("http://boot.example/boot.ipxe")) : Optional.empty();
    }

    @Override
    public int line() {
        return inScript ? 1 : 0;
    }

    @Override
    public void jumpTo(String label) throws JpxeException {
        throw new JpxeException(Errno.ENOTTY, "not used");
    }

    @Override
    public void exit(int status) {
    }

    @Override
    public void terminate(int status) {
    }

    @Override
    public void replaceCurrentScript(Image image) throws JpxeException {
        if (!inScript) {
            throw new JpxeException(Errno.ENOTTY, "no script is running");
        }
        replacement = image;
    }

    @Override
    public void checkCancelled() {
    }

    @Override
    public PrintStream out() {
        return outStream;
    }

    @Override
    public PrintStream err() {
        return errStream;
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
