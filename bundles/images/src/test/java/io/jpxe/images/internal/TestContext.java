package io.jpxe.images.internal;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.console.Console;
import io.jpxe.api.image.Image;

/** A command context for tests: records exit/terminate/replace, and can be "Ctrl-C"ed. */
final class TestContext implements CommandContext {
    final RecordingConsole console = new RecordingConsole();
    final AtomicBoolean cancelled = new AtomicBoolean();
    Integer terminated;
    Image replacement;

    @Override
    public Console console() {
        return console;
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
    public void replaceCurrentScript(Image image) {
        replacement = image;
    }

    @Override
    public void checkCancelled() throws JpxeException {
        if (cancelled.get()) {
            throw new JpxeException(Errno.ECANCELED, "");
        }
    }
}
