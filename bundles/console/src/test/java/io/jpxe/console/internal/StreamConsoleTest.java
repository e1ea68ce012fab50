package io.jpxe.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.console.Console.Keys;
import io.jpxe.api.console.Progress;

class StreamConsoleTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private StreamConsole console(String input) {
        return new StreamConsole(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, TerminalMode.NONE);
    }

    @Test
    void readsLinesAndThenReportsClosedInput() throws JpxeException {
        try (StreamConsole c = console("first\r\n\nlast")) {
            assertEquals(Optional.of("first"), c.readLine("> ", "", Duration.ZERO));
            assertEquals(Optional.of("kept"), c.readLine("> ", "kept", Duration.ZERO));
            assertEquals(Optional.of("last"), c.readLine("> ", "", Duration.ZERO));
            assertEquals(Optional.empty(), c.readLine("> ", "", Duration.ZERO));
            assertEquals(OptionalInt.empty(), c.readKey(Duration.ofSeconds(5)));
        }
        assertEquals("> > > > ", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void decodesKeysAndEscapeSequences() throws JpxeException {
        try (StreamConsole c = console("a\n\u001b[A\u001b[6~\u001b")) {
            assertEquals(OptionalInt.of('a'), c.readKey(Duration.ZERO));
            assertEquals(OptionalInt.of(Keys.ENTER), c.readKey(Duration.ZERO));
            assertEquals(OptionalInt.of(Keys.UP), c.readKey(Duration.ZERO));
            assertEquals(OptionalInt.of(Keys.PAGE_DOWN), c.readKey(Duration.ZERO));
            assertEquals(OptionalInt.of(Keys.ESC), c.readKey(Duration.ZERO));
        }
    }

    @Test
    void ctrlCCancels() {
        try (StreamConsole c = console("\u0003")) {
            JpxeException e = assertThrows(JpxeException.class, () -> c.readKey(Duration.ZERO));
            assertEquals(Errno.ECANCELED, e.errno());
        }
    }

    @Test
    void timeoutsExpireWhileInputStaysOpen() throws IOException, JpxeException {
        PipedOutputStream writer = new PipedOutputStream();
        try (StreamConsole c = new StreamConsole(new PipedInputStream(writer), new PrintStream(out), new PrintStream(err),
                false, TerminalMode.NONE)) {
            long start = System.nanoTime();
            assertEquals(OptionalInt.empty(), c.readKey(Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - start >= 90_000_000L);
            JpxeException e = assertThrows(JpxeException.class, () -> c.readLine("", "", Duration.ofMillis(50)));
            assertEquals(Errno.ETIMEDOUT, e.errno());
            writer.write("x\n".getBytes(StandardCharsets.UTF_8));
            writer.flush();
            assertEquals(Optional.of("x"), c.readLine("", "", Duration.ofSeconds(5)));
        } finally {
            writer.close();
        }
    }

    @Test
    void lineModeProgressPrintsLabelThenOutcome() {
        try (StreamConsole c = console("")) {
            try (Progress p = c.progress("http://x/a", 100)) {
                p.update(50);
                p.done();
                p.failed("never printed");
            }
            c.progress("tftp://y/b", -1).failed("Connection timed out");
        }
        assertEquals("http://x/a... ok\ntftp://y/b... Connection timed out\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verboseLineModeEndsWithSizeTimeAndRate() {
        AtomicLong now = new AtomicLong(7_000_000_000L);
        LineProgress line = new LineProgress(new PrintStream(err, true, StandardCharsets.UTF_8), "http://x/k", true, now::get);
        line.update(128L << 20);
        line.update(256L << 20);
        now.addAndGet(500_000_000L);
        line.done();
        assertEquals(String.format("http://x/k... ok (256.0 MiB in %.3f s, 512.0 MiB/s)%n", 0.5),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void barRedrawsAtMostEvery100Milliseconds() {
        AtomicLong now = new AtomicLong(0);
        BarProgress bar = new BarProgress(new PrintStream(err, true, StandardCharsets.UTF_8), "f", 1000, now::get);
        bar.update(100);
        now.set(50_000_000L);
        bar.update(200);
        now.set(150_000_000L);
        bar.update(450);
        now.set(1_000_000_000L);
        bar.done();
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(3, text.split("\r", -1).length - 1, text);
        assertTrue(text.contains(" 10%"), text);
        assertTrue(text.contains(" 45%"), text);
        assertTrue(text.endsWith(" ok\n"), text);
        assertTrue(bar.render(1_000_000_000L).contains("ETA"), bar.render(1_000_000_000L));
    }
}
