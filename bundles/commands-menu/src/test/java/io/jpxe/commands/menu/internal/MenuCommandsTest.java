package io.jpxe.commands.menu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.testkit.RecordingConsole;
import io.jpxe.testkit.RecordingContext;
import io.jpxe.api.console.Console.Keys;
import io.jpxe.settings.internal.SettingsTree;

class MenuCommandsTest {
    private final SettingsTree settings = new SettingsTree();
    private final DynUiRegistry registry = new DynUiRegistry();

    private void run(Command command, RecordingContext context, String... argv) throws JpxeException {
        command.execute(context, command.syntax().parse(List.of(argv)));
    }

    /** menu "Boot menu": a header gap, three entries (debian is --default, shell has key s), a gap, exit. */
    private void buildMenu(RecordingContext context) throws JpxeException {
        run(new MenuCommand(registry), context, "menu", "Boot", "menu");
        ItemCommand item = new ItemCommand(registry);
        run(item, context, "item", "--gap", "--", "Operating systems:");
        run(item, context, "item", "ubuntu", "Ubuntu", "24.04");
        run(item, context, "item", "--default", "debian", "Debian");
        run(item, context, "item", "--gap");
        run(item, context, "item", "--key", "s", "shell", "iPXE shell");
        run(item, context, "item", "exit", "Exit");
    }

    private String choose(RecordingConsole console, String... options) throws JpxeException {
        RecordingContext context = new RecordingContext(console);
        buildMenu(context);
        String[] argv = new String[options.length + 2];
        argv[0] = "choose";
        System.arraycopy(options, 0, argv, 1, options.length);
        argv[argv.length - 1] = "target";
        run(new ChooseCommand(registry, settings), context, argv);
        return settings.fetch("target").orElse(null);
    }

    @Test
    void enterChoosesTheDefaultItemAndArrowsSkipSeparators() throws JpxeException {
        assertEquals("debian", choose(new RecordingConsole().keys('\n')));
        assertEquals("shell", choose(new RecordingConsole().keys(Keys.DOWN, '\r')));
        assertEquals("ubuntu", choose(new RecordingConsole().keys(Keys.UP, Keys.UP, Keys.UP, '\r')));
        assertEquals("exit", choose(new RecordingConsole().keys(Keys.END, '\r')));
        assertEquals("ubuntu", choose(new RecordingConsole().keys(Keys.PAGE_UP, '\r')));
        assertEquals("exit", choose(new RecordingConsole(), "--default", "exit", "--timeout", "50"));
    }

    @Test
    void shortcutKeyChoosesAtOnce() throws JpxeException {
        assertEquals("shell", choose(new RecordingConsole().keys('s')));
    }

    @Test
    void escapeCancelsAndDestroysTheMenuUnlessKept() throws JpxeException {
        JpxeException e = assertThrows(JpxeException.class, () -> choose(new RecordingConsole().keys(Keys.ESC)));
        assertEquals(Errno.ECANCELED, e.errno());
        assertTrue(registry.find("").isEmpty(), "menu kept after choose without --keep");
        choose(new RecordingConsole().keys('\n'), "--keep");
        assertTrue(registry.find("").isPresent(), "menu destroyed despite --keep");
    }

    @Test
    void closedInputWaitsForTheTimeoutThenChoosesTheHighlightedItem() throws JpxeException {
        RecordingConsole console = new RecordingConsole();
        long start = System.nanoTime();
        assertEquals("debian", choose(console, "--timeout", "300"));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 290, "chose before the timeout");
        assertEquals("Boot menu\nOperating systems:\n  Ubuntu 24.04\n  Debian\n\n  iPXE shell\n  Exit\n"
                + "Selected: Debian (1)\n", console.printed());
    }

    @Test
    void closedInputWithoutTimeoutCancels() {
        assertEquals(Errno.ECANCELED, assertThrows(JpxeException.class, () -> choose(new RecordingConsole())).errno());
    }

    @Test
    void aKeyPressRestartsTheCountdownFromRetimeout() throws JpxeException {
        // after the key the retimeout of 0 means "no timeout": the closed input then cancels
        assertEquals(Errno.ECANCELED, assertThrows(JpxeException.class,
                () -> choose(new RecordingConsole().keys(Keys.DOWN), "--timeout", "5000")).errno());
        assertEquals("exit", choose(new RecordingConsole().keys(Keys.DOWN, Keys.DOWN), "--timeout", "5000",
                "--retimeout", "100"));
    }

    @Test
    void terminalShowsTheHighlightedRowInReverseWithTheSecondsLeft() throws JpxeException {
        RecordingConsole console = new RecordingConsole().interactive(true);
        assertEquals("debian", choose(console, "--timeout", "1200"));
        String screen = console.printed();
        assertTrue(screen.contains("\033[7m  Debian"), screen);
        assertTrue(screen.contains("(2)\033[0m") && screen.contains("(1)\033[0m"), "no countdown: " + screen);
        assertTrue(screen.endsWith("\033[2J\033[H"), "screen not cleared at the end");
    }

    @Test
    void itemsNeedAMenuAndChooseNeedsASelectableItem() throws JpxeException {
        RecordingContext context = new RecordingContext(new RecordingConsole().keys('\n'));
        assertEquals(Errno.ENOENT, assertThrows(JpxeException.class,
                () -> run(new ItemCommand(registry), context, "item", "x", "X")).errno());
        run(new MenuCommand(registry), context, "menu", "--name", "m");
        run(new ItemCommand(registry), context, "item", "--menu", "m", "--gap", "just", "text");
        assertEquals(Errno.ENOENT, assertThrows(JpxeException.class,
                () -> run(new ChooseCommand(registry, settings), context, "choose", "--menu", "m", "x")).errno());
        run(new MenuCommand(registry), context, "menu", "--name", "m", "--delete");
        assertTrue(registry.find("m").isEmpty());
    }

    @Test
    void presentStoresEveryFieldAndLoginAsksForCredentials() throws JpxeException {
        RecordingConsole console = new RecordingConsole().lines("alice", "10.0.0.9");
        RecordingContext context = new RecordingContext(console);
        run(new FormCommand(registry), context, "form", "Settings");
        run(new ItemCommand(registry), context, "item", "--form", "", "user", "User");
        run(new ItemCommand(registry), context, "item", "ip", "Address");
        run(new PresentCommand(registry, settings), context, "present");
        assertEquals(Optional.of("alice"), settings.fetch("user"));
        assertEquals(Optional.of("10.0.0.9"), settings.fetch("ip"));
        assertEquals("Settings\nUser: Address: ", console.printed());

        console.lines("bob", "secret");
        run(new LoginCommand(settings), context, "login");
        assertEquals(Optional.of("bob"), settings.fetch("username"));
        assertEquals(Optional.of("secret"), settings.fetch("password"));
        assertEquals(Errno.ECANCELED, assertThrows(JpxeException.class,
                () -> run(new LoginCommand(settings), context, "login")).errno());
    }
}
