package io.jpxe.images.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jpxe.api.console.Console;
import io.jpxe.api.console.Progress;

/** A console that records output and progress events, for tests. */
final class RecordingConsole implements Console {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    /** "start <label>", "expected <n>", "done", "failed <message>" in order; updates are not recorded. */
    final List<String> progressEvents = new CopyOnWriteArrayList<>();

    String printed() {
        return out.toString(StandardCharsets.UTF_8);
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
