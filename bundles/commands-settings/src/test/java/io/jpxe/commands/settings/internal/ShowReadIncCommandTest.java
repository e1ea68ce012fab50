package io.jpxe.commands.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.settings.internal.SettingsTree;
import io.jpxe.testkit.RecordingConsole;
import io.jpxe.testkit.RecordingContext;

class ShowReadIncCommandTest {
    private final SettingsTree settings = new SettingsTree();
    private final RecordingContext context = new RecordingContext();
    private final RecordingConsole console = context.console();

    private void run(Command command, String... argv) throws JpxeException {
        command.execute(context, command.syntax().parse(List.of(argv)));
    }

    @Test
    void showPrintsQualifiedNameTypeAndValue() throws JpxeException {
        settings.store("a.b/ip", "10.0.0.1");
        settings.store("x:uint8", "7");
        run(new ShowCommand(settings), "show", "a.b/ip");
        run(new ShowCommand(settings), "show", "x");
        run(new ShowCommand(settings), "show", "-q", "x:hex");
        assertEquals("a.b/ip:ipv4 = 10.0.0.1\nx:uint8 = 0x7\n07\n", console.printed());
        JpxeException e = assertThrows(JpxeException.class, () -> run(new ShowCommand(settings), "show", "nope"));
        assertEquals("Could not find \"nope\": No such file or directory", e.describe());
    }

    @Test
    void incAddsWithTheValuesTypeAndMissingCountsAsInt32Zero() throws JpxeException {
        run(new IncCommand(settings), "inc", "n");
        run(new IncCommand(settings), "inc", "n", "41");
        assertEquals(Optional.of("42"), settings.fetch("n"));
        assertEquals("int32", settings.fetchValue("n").orElseThrow().type());
        settings.store("a:int8", "127");
        run(new IncCommand(settings), "inc", "a");
        assertEquals(Optional.of("-128"), settings.fetch("a"));
        settings.store("u:uint8", "1");
        run(new IncCommand(settings), "inc", "u", "-2");
        assertEquals(Optional.of("0xff"), settings.fetch("u"));
    }

    @Test
    void incOfAStringFailsWithCouldNotStore() throws JpxeException {
        settings.store("s", "5");
        JpxeException e = assertThrows(JpxeException.class, () -> run(new IncCommand(settings), "inc", "s"));
        assertTrue(e.getMessage().startsWith("Could not store \"s\""), e.getMessage());
        assertEquals(Optional.of("5"), settings.fetch("s"));
    }

    @Test
    void readStoresTheEditedLineAndEmptyDeletes() throws JpxeException {
        settings.store("who", "old");
        console.lines("new value");
        run(new ReadCommand(settings), "read", "who");
        assertEquals(Optional.of("new value"), settings.fetch("who"));
        assertEquals("new value", "old".equals(console.lastInitial()) ? "new value" : "initial not prefilled");
        console.lines("");
        run(new ReadCommand(settings), "read", "who");
        assertEquals(Optional.empty(), settings.fetch("who"));
    }

    @Test
    void readOnClosedInputCancelsOrTimesOut() {
        assertEquals(Errno.ECANCELED,
                assertThrows(JpxeException.class, () -> run(new ReadCommand(settings), "read", "x")).errno());
        long start = System.nanoTime();
        assertEquals(Errno.ETIMEDOUT, assertThrows(JpxeException.class,
                () -> run(new ReadCommand(settings), "read", "-t", "200", "x")).errno());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 190);
    }
}
