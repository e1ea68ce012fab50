package io.jpxe.script.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.jpxe.api.console.Console;
import io.jpxe.api.console.Progress;

/** A console that records output and answers {@code readLine} from a fixed list of lines. */
final class RecordingConsole implements Console {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final Deque<String> input;

    RecordingConsole(List<String> lines) {
        this.input = new ArrayDeque<>(lines);
    }

    RecordingConsole() {
        this(List.of());
    }

    String output() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String errors() {
        return errBytes.toString(StandardCharsets.UTF_8);
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
        return false;
    }

    @Override
    public OptionalInt readKey(Duration timeout) {
        return OptionalInt.empty();
    }

    @Override
    public Optional<String> readLine(String prompt, String initial, Duration timeout) {
        out.print(prompt);
        return Optional.ofNullable(input.poll());
    }

    @Override
    public Progress progress(String label, long expected) {
        throw new UnsupportedOperationException("no transfers in script tests");
    }
}
