package io.jpxe.console.internal;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.jpxe.api.console.Progress;

/**
 * Progress on a terminal: one line redrawn with {@code \r} showing a bar (when the size is known),
 * the percentage, the rate and the time left. Updates may come from a Netty event loop, so they
 * only store numbers in atomics; a redraw happens at most every 100 ms, by whichever caller wins
 * the race for the slot, and is a single short write.
 */
final class BarProgress implements Progress {
    private static final long REDRAW_INTERVAL_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintStream stream;
    private final String label;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final AtomicLong expected;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong lastDrawNanos;
    private final AtomicBoolean finished = new AtomicBoolean();

    BarProgress(PrintStream stream, String label, long expected, LongSupplier nanoClock) {
        this.stream = stream;
        this.label = label;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.expected = new AtomicLong(expected);
        this.lastDrawNanos = new AtomicLong(startNanos - REDRAW_INTERVAL_NANOS);
    }

    @Override
    public void expected(long bytes) {
        expected.set(bytes);
    }

    @Override
    public void update(long bytes) {
        received.set(bytes);
        long now = nanoClock.getAsLong();
        long last = lastDrawNanos.get();
        if (now - last >= REDRAW_INTERVAL_NANOS && !finished.get() && lastDrawNanos.compareAndSet(last, now)) {
            stream.print("\r" + render(now));
            stream.flush();
        }
    }

    @Override
    public void done() {
        if (finished.compareAndSet(false, true)) {
            long total = received.get();
            if (expected.get() < total) {
                expected.set(total);
            }
            stream.println("\r" + render(nanoClock.getAsLong()) + " ok");
            stream.flush();
        }
    }

    @Override
    public void failed(String message) {
        if (finished.compareAndSet(false, true)) {
            stream.println("\r" + render(nanoClock.getAsLong()) + " " + message);
            stream.flush();
        }
    }

    @Override
    public void close() {
        done();
    }

    /** The status line for time {@code now}. */
    String render(long now) {
        long bytes = received.get();
        long size = expected.get();
        double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
        double rate = bytes / seconds;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (size > 0) {
            int percent = (int) Math.min(100, bytes * 100 / size);
            int filled = percent * BAR_WIDTH / 100;
            sb.append('[').append("=".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format("%3d%%", percent));
        } else {
            sb.append(Sizes.bytes(bytes));
        }
        sb.append(' ').append(Sizes.bytes((long) rate)).append("/s");
        if (size > 0 && bytes < size && rate > 0) {
            long left = (long) ((size - bytes) / rate);
            sb.append(String.format(" ETA %d:%02d", left / 60, left % 60));
        }
        return sb.toString();
    }
}
