package io.jpxe.boot.qemu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LinePumpTest {

    private static List<String> pump(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        new LinePump(new ByteArrayInputStream(bytes), lines::add).run();
        return lines;
    }

    @Test
    void splitsSerialLinesAndDropsTheirCarriageReturns() {
        assertEquals(List.of("[    0.000000] Linux version 6.1", "", "Hello from the jPXE demo initrd", "# "),
                pump("[    0.000000] Linux version 6.1\r\n\r\nHello from the jPXE demo initrd\r\n# ".getBytes()));
    }

    @Test
    void keepsUtf8AndReplacesBadBytes() {
        assertEquals(List.of("é ok", "\ufffd"), pump(new byte[] {(byte) 0xc3, (byte) 0xa9, ' ', 'o', 'k', '\n',
                (byte) 0xff}));
    }

    @Test
    void aCarriageReturnInsideALineStays() {
        assertEquals(List.of("progress\r50%"), pump("progress\r50%\n".getBytes()));
    }
}
