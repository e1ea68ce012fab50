package io.jpxe.commands.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jpxe.api.JpxeException;
import io.jpxe.settings.internal.SettingsTree;
import io.jpxe.testkit.RecordingConsole;
import io.jpxe.testkit.RecordingContext;

class ConfigCommandTest {
    private final SettingsTree settings = new SettingsTree();

    private RecordingConsole run(String... lines) throws JpxeException {
        RecordingContext context = new RecordingContext(new RecordingConsole().lines(lines));
        ConfigCommand config = new ConfigCommand(settings);
        config.execute(context, config.syntax().parse(List.of("config", "lab")));
        return context.console();
    }

    @Test
    void editsByNumberAddsByNameAndDeletesWithAnEmptyValue() throws JpxeException {
        settings.store("lab/server", "10.0.0.1");
        settings.store("lab/port:uint16", "69");

        // listed by name: [1] port [2] server; after adding menu: [1] menu [2] port [3] server
        RecordingConsole console = run("2", "10.0.0.2", "menu", "main", "2", "", "");

        assertEquals(Optional.of("10.0.0.2"), settings.fetch("lab/server"), console.printed());
        assertEquals(Optional.of("main"), settings.fetch("lab/menu"));
        assertEquals(Optional.empty(), settings.fetch("lab/port"), "an empty value deletes, as set does");
        assertTrue(console.printed().contains("[1] lab/port:uint16 = 0x45"), console.printed());
        assertTrue(console.printed().contains("[2] lab/server:string = 10.0.0.1"), console.printed());
    }

    @Test
    void aValueThatDoesNotParseIsReportedAndTheEditorGoesOn() throws JpxeException {
        settings.store("lab/port:uint16", "69");

        RecordingConsole console = run("1", "not-a-number", "1", "70", "");

        assertEquals(Optional.of("0x46"), settings.fetch("lab/port"));
        assertTrue(console.errors().contains("Could not store \"lab/port:uint16\""), console.errors());
    }

    @Test
    void endOfInputEndsTheEditorWithoutChanges() throws JpxeException {
        settings.store("lab/server", "10.0.0.1");
        run();
        assertEquals(Optional.of("10.0.0.1"), settings.fetch("lab/server"));
    }
}
