package io.jpxe.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.testkit.BytesImage;
import io.jpxe.testkit.RecordingConsole;

class ScriptEngineImplTest {

    private static BytesImage script(String name, String text) {
        return new BytesImage(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Harness harness(String... inputLines) {
        return new Harness(new RecordingConsole().lines(inputLines), n -> {
            throw new IllegalArgumentException("no image " + n);
        });
    }

    /** A command registered as a test double with a fixed behaviour. */
    private static Command command(String name, CommandBody body) {
        CommandSyntax syntax = CommandSyntax.builder(name).arguments(0, CommandSyntax.UNLIMITED).build();
        return new Command() {
            @Override
            public CommandSyntax syntax() {
                return syntax;
            }

            @Override
            public void execute(CommandContext context, ParsedCommand args) throws io.jpxe.api.JpxeException {
                body.run(context);
            }
        };
    }

    interface CommandBody {
        void run(CommandContext context) throws io.jpxe.api.JpxeException;
    }

    @Test
    void shellRunsLinesUntilExitAndReportsGotoOutsideScripts() {
        Harness h = harness("echo hi", "goto x", "set v 7", "exit ${v}", "echo never");
        int status = h.engine.shell(h.console);
        assertEquals(7, status);
        assertEquals("iPXE> hi\niPXE> iPXE> iPXE> ", h.console.printed());
        assertTrue(h.console.errors().startsWith("Not in a script"), h.console.errors());
    }

    @Test
    void shellEndsWithZeroAtEndOfInputAndSurvivesFailures() {
        Harness h = harness("iseq a b", "nosuch");
        assertEquals(0, h.engine.shell(h.console));
        assertEquals("nosuch: command not found\n", h.console.errors());
    }

    @Test
    void executeRunsOneLineWithoutLabels() {
        Harness h = harness();
        assertEquals(Errno.ENOTTY.status(), h.engine.execute("goto somewhere", h.console));
        assertEquals(0, h.engine.execute("echo a && echo b", h.console));
        assertEquals("a\nb\n", h.console.printed());
    }

    @Test
    void runtimeExceptionInACommandBecomesEioAndTheScriptGoesOn() {
        Harness h = harness();
        h.add("boom", command("boom", ctx -> {
            throw new IllegalStateException("bug");
        }));
        int status = h.engine.run(script("s.ipxe", "#!ipxe\nboom || echo survived\n"), null);
        assertEquals(0, status);
        assertEquals("survived\n", h.console.printed());
        assertTrue(h.console.errors().startsWith("s.ipxe:2: boom: internal error (java.lang.IllegalStateException: bug)"),
                h.console.errors());
    }

    @Test
    void commandsComeAndGo() {
        Harness h = harness();
        Command hello = command("hello", ctx -> ctx.console().out().print("hello\n"));
        h.add("hello", hello);
        assertEquals(0, h.engine.execute("hello", h.console));
        h.engine.unbindCommand(hello, Map.of(Harness.DS_PROPERTY, "hello"));
        assertEquals(Errno.ENOEXEC.status(), h.engine.execute("hello", h.console));
        Command documented = command("hi", ctx -> ctx.console().out().print("hi\n"));
        h.engine.bindCommand(documented, Map.of(JpxeCommand.NAMESPACE, "hi"));
        assertEquals(0, h.engine.execute("hi", h.console));
        assertEquals("hello\nhi\n", h.console.printed());
    }

    @Test
    void terminateEndsEveryLevel() {
        Harness h = new Harness(new RecordingConsole(),
                n -> script(n, "#!ipxe\necho child\nhandover\necho never-in-child\n"));
        h.add("handover", command("handover", ctx -> ctx.terminate(0)));
        assertFalse(h.engine.terminated());
        int status = h.engine.run(script("parent.ipxe", "#!ipxe\nchain child.ipxe\necho never-in-parent\n"), null);
        assertEquals(0, status);
        assertEquals("child\n", h.console.printed());
        assertTrue(h.engine.terminated());
    }

    @Test
    void replacementChainsDoNotGrowTheStack() {
        AtomicInteger remaining = new AtomicInteger(5000);
        Harness[] holder = new Harness[1];
        holder[0] = new Harness(new RecordingConsole(), n -> script(n, "#!ipxe\nnext\n"));
        holder[0].add("next", command("next", ctx -> {
            if (remaining.decrementAndGet() > 0) {
                ctx.replaceCurrentScript(script("loop.ipxe", "#!ipxe\nnext\n"));
            } else {
                ctx.console().out().print("done\n");
                ctx.exit(9);
            }
        }));
        int status = holder[0].engine.run(script("loop.ipxe", "#!ipxe\nnext\n"), null);
        assertEquals(9, status);
        assertEquals("done\n", holder[0].console.printed());
        assertEquals(0, remaining.get());
    }

    @Test
    void endlesslyNestedChainsFailInsteadOfOverflowing() {
        Harness h = new Harness(new RecordingConsole(), n -> script(n, "#!ipxe\nchain self.ipxe\n"));
        int status = h.engine.run(script("self.ipxe", "#!ipxe\nchain self.ipxe\n"), null);
        assertEquals(Errno.ENOMEM.status(), status);
        assertTrue(h.console.errors().contains("too many nested scripts"), h.console.errors());
    }

    @Test
    void binaryGarbageNeverCrashesTheEngine() {
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] bytes = new byte[4096];
            random.nextBytes(bytes);
            System.arraycopy("#!ipxe\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 7);
            Harness h = harness();
            int status = h.engine.run(new BytesImage("garbage.ipxe", bytes), null);
            assertTrue(status <= 0, "garbage ends with an error status or success, got " + status);
        }
    }

    @Test
    void largeScriptsRunLineByLine() {
        StringBuilder text = new StringBuilder("#!ipxe\n");
        for (int i = 0; i < 20000; i++) {
            text.append("set last ").append(i).append('\n');
        }
        text.append("echo ${last}\n");
        Harness h = harness();
        assertEquals(0, h.engine.run(script("big.ipxe", text.toString()), null));
        assertEquals("19999\n", h.console.printed());
    }

    @Test
    void helpListsTheRegisteredCommands() {
        Harness h = harness();
        assertEquals(0, h.engine.execute("help", h.console));
        assertTrue(h.console.printed().contains("Available commands:"), h.console.printed());
        assertTrue(h.console.printed().contains("  help"), h.console.printed());
    }

    @Test
    void helpOptionPrintsUsageToStandardOutput() {
        Harness h = harness();
        assertEquals(Errno.ECANCELED.status(), h.engine.execute("goto --help", h.console));
        assertTrue(h.console.printed().startsWith("Usage:\n\n  goto <label>\n"), h.console.printed());
        assertEquals("", h.console.errors());
    }

    @Test
    void ctrlCStopsARunawayGotoLoopBetweenLines() {
        RecordingConsole console = new RecordingConsole().interruptAt(5000);
        Harness h = new Harness(console, n -> null);
        int status = h.engine.run(script("loop.ipxe", "#!ipxe\n:loop\nset x ${x}1\ngoto loop\n"), null);
        assertEquals(Errno.ECANCELED.status(), status);
        assertTrue(console.errors().endsWith(": " + Errno.ECANCELED.message() + "\n"), console.errors());
    }

    @Test
    void ctrlCCancelsALongCommandThroughCheckCancelled() {
        RecordingConsole console = new RecordingConsole().interruptAt(3);
        Harness h = new Harness(console, n -> null);
        long start = System.nanoTime();
        // polls: before line 2, before line 3, then sleep's checkCancelled
        int status = h.engine.run(script("sleepy.ipxe", "#!ipxe\necho a\nsleep 30\necho never\n"), null);
        assertEquals(Errno.ECANCELED.status(), status);
        assertTrue((System.nanoTime() - start) / 1_000_000_000L < 5, "sleep was not interrupted");
        assertEquals("a\n", console.printed());
    }
}
