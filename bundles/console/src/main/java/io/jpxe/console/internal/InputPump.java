package io.jpxe.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an input stream on one daemon thread and hands characters out with timeouts, so that a
 * script waiting for a key never blocks past its timeout. After end of input every read returns
 * "closed" immediately.
 *
 * <p>Thread-safe; meant to be consumed by one script thread at a time.
 */
final class InputPump {
    /** Returned by {@link #next} when the timeout expired. */
    static final int TIMEOUT = -1;
    /** Returned by {@link #next} once the input is closed. */
    static final int CLOSED = -2;

    private final LinkedBlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    InputPump(InputStream in, String threadName) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        thread = Thread.ofPlatform().daemon().name(threadName).unstarted(() -> pump(reader));
        thread.start();
    }

    private void pump(Reader reader) {
        try {
            int c;
            while ((c = reader.read()) >= 0) {
                queue.add(c);
            }
        } catch (IOException e) {
            // an unreadable input is treated as closed
        } finally {
            queue.add(CLOSED);
        }
    }

    /**
     * The next character, {@link #TIMEOUT} or {@link #CLOSED}.
     *
     * @param timeoutMillis how long to wait; 0 or less waits forever
     */
    int next(long timeoutMillis) throws InterruptedException {
        if (closed) {
            return CLOSED;
        }
        Integer c = timeoutMillis <= 0 ? queue.take() : queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (c == null) {
            return TIMEOUT;
        }
        if (c == CLOSED) {
            closed = true;
        }
        return c;
    }

    /** Stops waiting for input (the thread may stay blocked in {@code read}; it is a daemon). */
    void close() {
        closed = true;
        queue.add(CLOSED);
        thread.interrupt();
    }
}
