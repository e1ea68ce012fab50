package io.jpxe.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.console.Console;
import io.jpxe.api.console.Progress;

/**
 * A line-mode console for tests: records standard output, standard error and progress events, and
 * answers {@link #readKey} and {@link #readLine} from queued input (empty once the queue is
 * drained, like a closed standard input). Timeouts never wait: an empty queue answers at once, so
 * commands that must wait a timeout out on closed input do so themselves. Thread-safe.
 */
public class RecordingConsole implements Console {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final Deque<Integer> keys = new ArrayDeque<>();
    private final Deque<String> lines = new ArrayDeque<>();
    /** "start LABEL", "expected N", "done", "failed MESSAGE", in order; updates are not recorded. */
    private final List<String> progressEvents = new CopyOnWriteArrayList<>();
    private volatile boolean interactive;
    private String lastInitial;
    /** {@link #consumeInterrupt} answers true on this call (1-based); -1 never. */
    private long interruptAtCall = -1;
    private long interruptCalls;

    /** What was printed to standard output. */
    public synchronized String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What was printed to standard error. */
    public synchronized String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Progress events in order. */
    public List<String> progressEvents() {
        return List.copyOf(progressEvents);
    }

    /** Queues keys for {@link #readKey}; {@link Console.Keys#CTRL_C} makes it fail with ECANCELED. */
    public synchronized RecordingConsole keys(int... codes) {
        for (int code : codes) {
            keys.add(code);
        }
        return this;
    }

    /** Queues lines for {@link #readLine}. */
    public synchronized RecordingConsole lines(String... input) {
        lines.addAll(List.of(input));
        return this;
    }

    /** Makes {@link #isInteractive()} answer {@code on}, as with a terminal attached (default: line mode). */
    public RecordingConsole interactive(boolean on) {
        this.interactive = on;
        return this;
    }

    /** Makes the {@code n}-th call of {@link #consumeInterrupt()} (1-based) report a Ctrl-C. */
    public synchronized RecordingConsole interruptAt(long n) {
        this.interruptAtCall = n;
        return this;
    }

    /** The {@code initial} text given to the last {@link #readLine} call, or {@code null} if none. */
    public synchronized String lastInitial() {
        return lastInitial;
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
        return interactive;
    }

    @Override
    public synchronized boolean consumeInterrupt() {
        return ++interruptCalls == interruptAtCall;
    }

    @Override
    public synchronized OptionalInt readKey(Duration timeout) throws JpxeException {
        Integer key = keys.poll();
        if (key == null) {
            return OptionalInt.empty();
        }
        if (key == Keys.CTRL_C) {
            throw new JpxeException(Errno.ECANCELED, "");
        }
        return OptionalInt.of(key);
    }

    @Override
    public synchronized Optional<String> readLine(String prompt, String initial, Duration timeout) {
        lastInitial = initial;
        outStream.print(prompt);
        return Optional.ofNullable(lines.poll());
    }

    @Override
    public Progress progress(String label, long expected) {
        progressEvents.add("start " + label);
        return new Progress() {
            @Override
            public void expected(long bytes) {
                progressEvents.add("expected " + bytes);
            }

            @Override
            public void update(long bytes) {
            }

            @Override
            public void done() {
                progressEvents.add("done");
            }

            @Override
            public void failed(String message) {
                progressEvents.add("failed " + message);
            }

            @Override
            public void close() {
            }
        };
    }
}
