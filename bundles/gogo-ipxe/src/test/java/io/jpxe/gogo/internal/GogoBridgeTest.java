package io.jpxe.gogo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class GogoBridgeTest {
    @Test
    void namesAndLinesFollowTheServiceProperties() {
        assertEquals(List.of("chain"), GogoBridge.commandNames("chain"));
        assertEquals(List.of("boot", "imgexec"), GogoBridge.commandNames(new String[] { "boot", "imgexec" }));
        assertEquals(List.of(), GogoBridge.commandNames(null));
        assertEquals("echo", GogoBridge.commandLine("echo", List.of()));
        assertEquals("set x 1", GogoBridge.commandLine("set", List.of("x", 1)));
    }
}
