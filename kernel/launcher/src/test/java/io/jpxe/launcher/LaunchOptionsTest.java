package io.jpxe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void runTakesItsTargetAndOptionsInAnyOrder() throws Exception {
        LaunchOptions o = LaunchOptions.parse(new String[] {"run", "tftp://127.0.0.1:69/boot.ipxe", "--boot=kexec",
                "--plan-out", "plan.json", "--set", "a=1", "--set=b=2", "-D", "x=y"});
        assertEquals(LaunchOptions.Command.RUN, o.command());
        assertEquals("tftp://127.0.0.1:69/boot.ipxe", o.target());
        assertEquals("kexec", o.boot());
        assertEquals(Path.of("plan.json"), o.planOut());
        assertEquals(List.of("a=1", "b=2"), o.settings());
        assertEquals(Map.of("x", "y"), o.properties());
    }

    @Test
    void defaultsArePlanAndTheEmbeddedScript() throws Exception {
        LaunchOptions o = LaunchOptions.parse(new String[0]);
        assertEquals(LaunchOptions.Command.DEFAULT, o.command());
        assertEquals("plan", o.boot());
        assertNull(o.planOut());
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        for (String[] args : List.of(new String[] {"--frobnicate"}, new String[] {"run"}, new String[] {"run", "x", "y"},
                new String[] {"--set", "novalue"}, new String[] {"shell", "features"}, new String[] {"--boot=../x"},
                new String[] {"-D", "=x"})) {
            assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(args), String.join(" ", args));
        }
    }

    @Test
    void mainPrintsUsageAndReturnsTwoForAnUnknownOption() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--nope"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(2, status);
        assertTrue(err.toString().contains("unknown option \"--nope\""), err.toString());
        assertTrue(err.toString().contains("Usage:"), err.toString());
    }
}
