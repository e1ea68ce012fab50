package io.jpxe.console.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.console.Console;
import io.jpxe.api.console.Progress;

/**
 * A {@link Console} over plain streams. In line mode (no terminal) keys and lines are read from the
 * input as they come (a line ends at {@code \n}, a trailing {@code \r} is dropped); on a terminal
 * the same reads are done with the terminal switched to unbuffered input while waiting for a key,
 * and escape sequences are decoded into {@link Keys} codes.
 *
 * <p>Thread-safe for output; input is read by one script thread at a time.
 */
public class StreamConsole implements Console, AutoCloseable {
    private static final long ESCAPE_SEQUENCE_WAIT_MILLIS = 50;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final InputStream in;
    private InputPump input;
    private final TerminalMode terminal;
    /** Set by Ctrl-C (a key read, or SIGINT where a handler is installed); see {@link #consumeInterrupt}. */
    private final java.util.concurrent.atomic.AtomicBoolean interrupt = new java.util.concurrent.atomic.AtomicBoolean();
    /** Line-mode progress ends with size, time and rate (see {@link LineProgress}). */
    private volatile boolean transferStatistics;

    StreamConsole(InputStream in, PrintStream out, PrintStream err, boolean interactive, TerminalMode terminal) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.terminal = terminal;
        this.in = in;
    }

    @Override
    public PrintStream out() {
        return out;
    }

    @Override
    public PrintStream err() {
        return err;
    }

    @Override
    public boolean isInteractive() {
        return interactive;
    }

    @Override
    public OptionalInt readKey(Duration timeout) throws JpxeException {
        out.flush();
        terminal.enterKeyMode();
        try {
            int c = next(timeout.toMillis());
            if (c < 0) {
                return OptionalInt.empty();
            }
            if (c == Keys.CTRL_C) {
                interrupt.set(false);
                throw new JpxeException(Errno.ECANCELED, "Interrupted");
            }
            if (c == '\n') {
                return OptionalInt.of(Keys.ENTER);
            }
            return OptionalInt.of(c == Keys.ESC ? escapeSequence() : c);
        } finally {
            terminal.leaveKeyMode();
        }
    }

    /** Decodes {@code ESC [ x} / {@code ESC O x} / {@code ESC [ n ~}; a lone ESC stays ESC. */
    private int escapeSequence() throws JpxeException {
        int introducer = next(ESCAPE_SEQUENCE_WAIT_MILLIS);
        if (introducer != '[' && introducer != 'O') {
            return Keys.ESC;
        }
        int c = next(ESCAPE_SEQUENCE_WAIT_MILLIS);
        switch (c) {
            case 'A': return Keys.UP;
            case 'B': return Keys.DOWN;
            case 'C': return Keys.RIGHT;
            case 'D': return Keys.LEFT;
            case 'H': return Keys.HOME;
            case 'F': return Keys.END;
            default: break;
        }
        if (c >= '0' && c <= '9' && next(ESCAPE_SEQUENCE_WAIT_MILLIS) == '~') {
            switch (c) {
                case '1', '7': return Keys.HOME;
                case '4', '8': return Keys.END;
                case '5': return Keys.PAGE_UP;
                case '6': return Keys.PAGE_DOWN;
                default: break;
            }
        }
        return Keys.ESC;
    }

    @Override
    public Optional<String> readLine(String prompt, String initial, Duration timeout) throws JpxeException {
        out.print(prompt);
        out.flush();
        StringBuilder line = new StringBuilder();
        long firstKeyTimeout = timeout.toMillis();
        while (true) {
            int c = next(line.isEmpty() ? firstKeyTimeout : 0);
            if (c == InputPump.TIMEOUT) {
                throw new JpxeException(Errno.ETIMEDOUT, "No input within " + firstKeyTimeout + " ms");
            }
            if (c == InputPump.CLOSED) {
                return line.isEmpty() ? Optional.empty() : Optional.of(line.toString());
            }
            if (c == Keys.CTRL_C) {
                interrupt.set(false);
                throw new JpxeException(Errno.ECANCELED, "Interrupted");
            }
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                // there is no editor in line mode: an empty answer keeps the prefilled value
                return Optional.of(line.isEmpty() && initial != null ? initial : line.toString());
            }
            line.append((char) c);
            firstKeyTimeout = 0;
        }
    }

    @Override
    public boolean consumeInterrupt() {
        return interrupt.getAndSet(false);
    }

    void transferStatistics(boolean on) {
        transferStatistics = on;
    }

    /** Records a Ctrl-C for {@link #consumeInterrupt}; returns whether one was already pending. */
    boolean requestInterrupt() {
        return interrupt.getAndSet(true);
    }

    @Override
    public Progress progress(String label, long expected) {
        return interactive ? new BarProgress(err, label, expected, System::nanoTime)
                : new LineProgress(err, label, transferStatistics, System::nanoTime);
    }

    /** Starts reading the input on first use, so a console nobody reads from leaves stdin alone. */
    private synchronized InputPump input() {
        if (input == null) {
            input = new InputPump(in, "jpxe-console-input");
        }
        return input;
    }

    private int next(long timeoutMillis) throws JpxeException {
        try {
            return input().next(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JpxeException(Errno.ECANCELED, "Interrupted");
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (input != null) {
                input.close();
            }
        }
        terminal.leaveKeyMode();
    }
}
