package io.jpxe.console.internal;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.jpxe.api.console.Progress;

/**
 * Progress without a terminal, as iPXE prints it: {@code <label>...} when the transfer starts, then
 * {@code  ok} or {@code  <message>} on the same line when it ends. Updates print nothing. With
 * statistics on (the launcher's {@code --verbose}), {@code ok} is followed by what was moved and how
 * fast: {@code  ok (256.0 MiB in 0.452 s, 566.4 MiB/s)}, timed from the start of the transfer.
 * Thread-safe; the final word is printed once.
 */
final class LineProgress implements Progress {
    private final PrintStream stream;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final boolean statistics;
    private final AtomicLong received = new AtomicLong();
    private final AtomicBoolean finished = new AtomicBoolean();

    LineProgress(PrintStream stream, String label) {
        this(stream, label, false, System::nanoTime);
    }

    LineProgress(PrintStream stream, String label, boolean statistics, LongSupplier nanoClock) {
        this.stream = stream;
        this.nanoClock = nanoClock;
        this.statistics = statistics;
        stream.print(label + "...");
        stream.flush();
        this.startNanos = nanoClock.getAsLong();
    }

    @Override
    public void expected(long bytes) {
        // nothing to show in line mode
    }

    @Override
    public void update(long bytes) {
        received.set(bytes);
    }

    @Override
    public void done() {
        if (!statistics) {
            finish(" ok");
            return;
        }
        long bytes = received.get();
        double seconds = Math.max((nanoClock.getAsLong() - startNanos) / 1e9, 1e-6);
        finish(String.format(" ok (%s in %.3f s, %s/s)", Sizes.bytes(bytes), seconds, Sizes.bytes((long) (bytes / seconds))));
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
