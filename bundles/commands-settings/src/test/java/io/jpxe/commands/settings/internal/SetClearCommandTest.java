package io.jpxe.commands.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandSyntaxException;
import io.jpxe.settings.internal.SettingsTree;

class SetClearCommandTest {
    private final SettingsTree settings = new SettingsTree();
    private final SetCommand set = new SetCommand(settings);
    private final ClearCommand clear = new ClearCommand(settings);

    private void set(String... argv) throws JpxeException {
        set.execute(null, set.syntax().parse(List.of(argv)));
    }

    @Test
    void joinsValuesWithSingleSpacesAndKeepsQuotes() throws JpxeException {
        set("set", "x", "\"a", "b\"");
        assertEquals(Optional.of("\"a b\""), settings.fetch("x"));
    }

    @Test
    void noValueDeletesAndClearDeletes() throws JpxeException {
        set("set", "a.b/x", "1");
        assertEquals(Optional.of("1"), settings.fetch("a/x"));
        set("set", "a.b/x");
        assertEquals(Optional.empty(), settings.fetch("a.b/x"));
        set("set", "y", "2");
        clear.execute(null, clear.syntax().parse(List.of("clear", "y")));
        assertEquals(Optional.empty(), settings.fetch("y"));
        clear.execute(null, clear.syntax().parse(List.of("clear", "never-set")));
    }

    @Test
    void typedValuesAreParsedWithTheirType() throws JpxeException {
        set("set", "n:uint8", "0x1ff");
        assertEquals(Optional.of("0xff"), settings.fetch("n"));
        JpxeException e = assertThrows(JpxeException.class, () -> set("set", "netmask", "255.255.0"));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("Could not store \"netmask\" (\"255.255.0\" is not a valid ipv4 value): Invalid argument",
                e.describe());
    }

    @Test
    void wrongArgumentCountsAreUsageErrors() {
        CommandSyntaxException none = assertThrows(CommandSyntaxException.class, () -> set("set"));
        assertEquals(Errno.ERANGE, none.errno());
        CommandSyntaxException two = assertThrows(CommandSyntaxException.class,
                () -> clear.syntax().parse(List.of("clear", "a", "b")));
        assertEquals(Errno.ERANGE, two.errno());
    }
}
