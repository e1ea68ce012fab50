package io.jpxe.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jpxe.api.JpxeException;
import io.jpxe.testkit.BytesImage;
import io.jpxe.testkit.RecordingConsole;

class ScriptImageTypeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "#!ipxe\\n|true", "#!ipxe\\r\\n|true", "#!ipxe comment|true", "#!gpxe\\t|true", "#!ipxe\\f|true",
        "#!ipxe|false", "#!iPXE\\n|false", "#!ipxeX|false", "#!pxe\\n|false", "''|false", "#!ipx|false" })
    void probeMatchesIpxeMagic(String head, boolean expected) throws IOException {
        String text = head.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace("\\f", "\f");
        Harness h = new Harness(new RecordingConsole(), n -> null);
        BytesImage image = new BytesImage("x", text.getBytes(StandardCharsets.US_ASCII));
        assertEquals(expected, h.scriptType.probe(image));
    }

    @ParameterizedTest
    @CsvSource({ "exit 3,3", "iseq a b,-34" })
    void executeFailsWithTheScriptsOwnStatus(String line, int status) {
        Harness h = new Harness(new RecordingConsole(), n -> null);
        BytesImage image = new BytesImage("s.ipxe", ("#!ipxe\n" + line + "\n").getBytes(StandardCharsets.UTF_8));
        JpxeException e = assertThrows(JpxeException.class, () -> h.scriptType.execute(image, null));
        assertEquals(status, e.status());
    }
}
