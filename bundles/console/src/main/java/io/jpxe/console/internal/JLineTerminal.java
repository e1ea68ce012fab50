package io.jpxe.console.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.console.Console.Keys;

/**
 * The console's input on a real terminal through JLine: lines are read with JLine's editor (cursor
 * keys, history, Tab completion of command names as the first word, Ctrl-C cancels), keys in raw
 * mode with escape sequences decoded into {@link Keys} codes. Ctrl-C outside a read (SIGINT) becomes
 * an interrupt request, so the engine can stop a running script. Used by one script thread at a time.
 */
final class JLineTerminal implements TerminalInput {
    private static final long ESCAPE_WAIT_MILLIS = 50;
    private static final long SLICE_MILLIS = 100;

    private final Terminal terminal;
    private final LineReader reader;
    private final BooleanSupplier interrupted;

    /**
     * @param commandNames names offered by Tab completion
     * @param interrupt    records a Ctrl-C; returns whether one was pending
     * @param interrupted  consumes a pending Ctrl-C
     */
    JLineTerminal(Supplier<? extends Iterable<String>> commandNames, BooleanSupplier interrupt,
            BooleanSupplier interrupted) throws IOException {
        this.interrupted = interrupted;
        // JLine finds its terminal providers through the context class loader: in OSGi that must be
        // JLine's own bundle loader, or it silently falls back to a dumb terminal
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TerminalBuilder.class.getClassLoader());
        try {
            this.terminal = TerminalBuilder.builder().system(true).encoding(StandardCharsets.UTF_8)
                    .nativeSignals(true).dumb(false).build();
        } finally {
            thread.setContextClassLoader(previous);
        }
        terminal.handle(Terminal.Signal.INT, signal -> {
            if (interrupt.getAsBoolean()) {
                // a second Ctrl-C while the first is still unnoticed: nothing is listening, end as SIGINT would
                Runtime.getRuntime().exit(130);
            }
        });
        this.reader = LineReaderBuilder.builder().terminal(terminal)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // "!" is plain text in iPXE lines
                .completer((lineReader, line, candidates) -> {
                    if (line.wordIndex() == 0) {
                        commandNames.get().forEach(name -> candidates.add(new Candidate(name)));
                    }
                }).build();
    }

    /** Whether JLine found a real terminal (not a dumb one). */
    boolean isReal() {
        return !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    PrintStream output() {
        return new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
    }

    @Override
    public Optional<String> readLine(String prompt, String initial, Duration timeout) throws JpxeException {
        if (!timeout.isZero() && !timeout.isNegative()) {
            terminal.writer().print(prompt);
            terminal.writer().flush();
            if (!awaitFirstKey(timeout.toMillis())) {
                terminal.writer().println();
                throw new JpxeException(Errno.ETIMEDOUT, "No input within " + timeout.toMillis() + " ms");
            }
            prompt = "\r" + prompt;
        }
        try {
            return Optional.of(reader.readLine(prompt, null, initial == null ? "" : initial));
        } catch (UserInterruptException e) {
            throw new JpxeException(Errno.ECANCELED, "Interrupted");
        } catch (EndOfFileException e) {
            return Optional.empty();
        }
    }

    private boolean awaitFirstKey(long millis) throws JpxeException {
        Attributes saved = terminal.enterRawMode();
        try {
            long deadline = System.nanoTime() + millis * 1_000_000;
            while (System.nanoTime() < deadline) {
                checkInterrupt();
                int c = terminal.reader().peek(Math.min(SLICE_MILLIS, millis));
                if (c >= 0) {
                    return true;
                }
                if (c == NonBlockingReader.EOF) {
                    return false;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        } finally {
            terminal.setAttributes(saved);
        }
    }

    @Override
    public OptionalInt readKey(Duration timeout) throws JpxeException {
        terminal.flush();
        Attributes saved = terminal.enterRawMode();
        try {
            boolean forever = timeout.isZero() || timeout.isNegative();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (forever || System.nanoTime() < deadline) {
                checkInterrupt();
                int c = terminal.reader().read(SLICE_MILLIS);
                if (c == NonBlockingReader.EOF) {
                    return OptionalInt.empty();
                }
                if (c == NonBlockingReader.READ_EXPIRED) {
                    continue;
                }
                if (c == Keys.CTRL_C) {
                    throw new JpxeException(Errno.ECANCELED, "Interrupted");
                }
                if (c == '\n') {
                    return OptionalInt.of(Keys.ENTER);
                }
                return OptionalInt.of(c == Keys.ESC ? escapeSequence() : c);
            }
            return OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        } finally {
            terminal.setAttributes(saved);
        }
    }

    private void checkInterrupt() throws JpxeException {
        if (interrupted.getAsBoolean()) {
            throw new JpxeException(Errno.ECANCELED, "Interrupted");
        }
    }

    /** Decodes {@code ESC [ x}, {@code ESC O x} and {@code ESC [ n ~}; a lone ESC stays ESC. */
    private int escapeSequence() throws IOException {
        NonBlockingReader in = terminal.reader();
        int introducer = in.read(ESCAPE_WAIT_MILLIS);
        if (introducer != '[' && introducer != 'O') {
            return Keys.ESC;
        }
        int c = in.read(ESCAPE_WAIT_MILLIS);
        switch (c) {
            case 'A': return Keys.UP;
            case 'B': return Keys.DOWN;
            case 'C': return Keys.RIGHT;
            case 'D': return Keys.LEFT;
            case 'H': return Keys.HOME;
            case 'F': return Keys.END;
            default: break;
        }
        if (c >= '0' && c <= '9' && in.read(ESCAPE_WAIT_MILLIS) == '~') {
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
    public void close() {
        try {
            terminal.close();
        } catch (IOException e) {
            // the terminal is going away with the process anyway
        }
    }
}
