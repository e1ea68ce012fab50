package io.jpxe.commands.flow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.console.Console.Keys;
import io.jpxe.testkit.RecordingConsole;
import io.jpxe.testkit.RecordingContext;

class FlowCommandsTest {

    private static void run(Command command, RecordingContext context, String... argv) throws JpxeException {
        command.execute(context, command.syntax().parse(List.of(argv)));
    }

    @Test
    void promptWithTheWantedKeySucceedsAndErasesItsText() throws JpxeException {
        RecordingConsole console = new RecordingConsole().keys('m');
        run(new PromptCommand(), new RecordingContext(console), "prompt", "--key", "m", "Press", "m");
        assertEquals("Press m" + "\b \b".repeat(7), console.printed());
    }

    @Test
    void promptWithAnotherKeyIsCancelledAndAnyKeyWithoutKeyOption() throws JpxeException {
        JpxeException e = assertThrows(JpxeException.class,
                () -> run(new PromptCommand(), new RecordingContext(new RecordingConsole().keys('x')), "prompt", "-k", "m"));
        assertEquals(Errno.ECANCELED.status(), e.status());
        run(new PromptCommand(), new RecordingContext(new RecordingConsole().keys('x')), "prompt");
    }

    @Test
    void closedInputWaitsTheTimeoutOutThenTimesOut() {
        long start = System.nanoTime();
        JpxeException e = assertThrows(JpxeException.class,
                () -> run(new PromptCommand(), new RecordingContext(new RecordingConsole()), "prompt", "-t", "300"));
        assertEquals(Errno.ETIMEDOUT.status(), e.status());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 290, "returned before the timeout");
    }

    @Test
    void closedInputWithoutTimeoutCancelsInsteadOfHanging() {
        JpxeException e = assertThrows(JpxeException.class,
                () -> run(new PromptCommand(), new RecordingContext(new RecordingConsole()), "prompt"));
        assertEquals(Errno.ECANCELED, e.errno());
    }

    @Test
    void keyOptionTakesACharacterOrAKeyCode() throws JpxeException {
        assertEquals('m', PromptCommand.parseKey("m"));
        assertEquals(0x1b, PromptCommand.parseKey("0x1b"));
        assertEquals(Errno.EINVAL, assertThrows(JpxeException.class, () -> PromptCommand.parseKey("mm")).errno());
    }

    @Test
    void sleepWaitsAndStopsOnCancel() throws JpxeException {
        RecordingContext context = new RecordingContext(new RecordingConsole().interactive(true).keys('a', 'b'));
        long start = System.nanoTime();
        run(new SleepCommand(), context, "sleep", "1");
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 990);
        RecordingContext cancelled = new RecordingContext(new RecordingConsole());
        cancelled.cancel();
        assertEquals(Errno.ECANCELED,
                assertThrows(JpxeException.class, () -> run(new SleepCommand(), cancelled, "sleep", "100")).errno());
        assertEquals(Errno.EINVAL, assertThrows(JpxeException.class,
                () -> run(new SleepCommand(), context, "sleep", "soon")).errno());
    }

    @Test
    void ctrlCDuringSleepOnATerminalCancels() {
        RecordingContext context = new RecordingContext(new RecordingConsole().interactive(true).keys(Keys.CTRL_C));
        assertEquals(Errno.ECANCELED,
                assertThrows(JpxeException.class, () -> run(new SleepCommand(), context, "sleep", "5")).errno());
    }
}
