package io.jpxe.console.internal;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

import io.jpxe.api.console.Progress;

/**
 * Progress without a terminal, as iPXE prints it: {@code <label>...} when the transfer starts, then
 * {@code  ok} or {@code  <message>} on the same line when it ends. Updates print nothing.
 * Thread-safe; the final word is printed once.
 */
final class LineProgress implements Progress {
    private final PrintStream stream;
    private final AtomicBoolean finished = new AtomicBoolean();

    LineProgress(PrintStream stream, String label) {
        this.stream = stream;
        stream.print(label + "...");
        stream.flush();
    }

    @Override
    public void expected(long bytes) {
        // nothing to show in line mode
    }

    @Override
    public void update(long bytes) {
        // nothing to show in line mode
    }

    @Override
    public void done() {
        finish(" ok");
    }

    @Override
    public void failed(String message) {
        finish(" " + message);
    }

    @Override
    public void close() {
        done();
    }

    private void finish(String text) {
        if (finished.compareAndSet(false, true)) {
            stream.println(text);
            stream.flush();
        }
    }
}
