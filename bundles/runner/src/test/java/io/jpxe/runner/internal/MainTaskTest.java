package io.jpxe.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MainTaskTest {

    @Test
    void urisPassThroughAndPathsBecomeAbsoluteFileUris() {
        assertEquals("tftp://127.0.0.1:6969/boot.ipxe", MainTask.toUri("tftp://127.0.0.1:6969/boot.ipxe"));
        String local = MainTask.toUri("examples/demo.ipxe");
        assertTrue(local.startsWith("file:/"), local);
        assertEquals(Path.of("examples/demo.ipxe").toAbsolutePath().toUri().toString(), local);
        assertEquals(Path.of("/tmp/a b.ipxe").toUri().toString(), MainTask.toUri("/tmp/a b.ipxe"));
        assertTrue(MainTask.toUri("/tmp/a b.ipxe").contains("a%20b"), "spaces are escaped so chain sees one argument");
    }

    @Test
    void statusesMapToExitCodes() {
        assertEquals(0, MainTask.exitStatus(0));
        assertEquals(3, MainTask.exitStatus(3));
        assertEquals(1, MainTask.exitStatus(256), "exit 256 must not look like success");
        assertEquals(1, MainTask.exitStatus(-2));
    }

    @Test
    void theRequestIsReadFromFrameworkProperties() {
        Map<String, String> props = Map.of("jpxe.command", "run", "jpxe.target", "x.ipxe", "jpxe.set.count", "2",
                "jpxe.set.0", "a=1", "jpxe.set.1", "b=two=2");
        LaunchRequest r = LaunchRequest.from(props::get);
        assertEquals("run", r.command());
        assertEquals("x.ipxe", r.target());
        assertEquals(List.of("a=1", "b=two=2"), r.settings());
        assertEquals(10000, r.readyTimeoutMillis());
        assertEquals(2000, r.bannerTimeoutMillis(), "iPXE's BANNER_TIMEOUT");
        assertFalse(r.shellOnFailure(), "hosted mode exits with the status");
    }

    @Test
    void imageModeFallsBackToTheShell() {
        assertTrue(LaunchRequest.from(Map.of("jpxe.mode", "image")::get).shellOnFailure());
        assertTrue(LaunchRequest.from(Map.of("jpxe.mode", "image")::get).imageMode());
        assertFalse(LaunchRequest.from(Map.of("jpxe.mode", "image", "jpxe.failure.shell", "false")::get)
                .shellOnFailure());
        assertTrue(LaunchRequest.from(Map.of("jpxe.failure.shell", "true")::get).shellOnFailure());
    }
}
