package io.jpxe.boot.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CpioNewcTest {

    @Test
    void writesTheFieldsIpxeWrites() {
        byte[] header = CpioNewc.header("/etc/a.conf", CpioNewc.MODE_FILE | 0600, 5);
        String fixed = new String(header, 0, CpioNewc.HEADER_LENGTH, StandardCharsets.US_ASCII);
        assertEquals("070701" + "00000000" + "00008180" + "00000000" + "00000000" + "00000001" + "00000000"
                + "00000005" + "00000000" + "00000000" + "00000000" + "00000000" + "0000000c" + "00000000", fixed);
        // 110 + 11 name bytes + NUL = 122, padded to 124
        assertEquals(124, header.length);
        assertEquals("/etc/a.conf", new String(header, 110, 11, StandardCharsets.US_ASCII));
        assertArrayEquals(new byte[3], Arrays.copyOfRange(header, 121, 124));
    }

    @Test
    void padsHeaderAndNameToFourBytesWithAtLeastTheNul() {
        for (int length = 1; length < 9; length++) {
            byte[] header = CpioNewc.header("/" + "x".repeat(length - 1), 0, 0);
            int unpadded = CpioNewc.HEADER_LENGTH + length + 1;
            assertEquals(0, header.length % 4);
            assertEquals(unpadded + CpioNewc.padding(unpadded), header.length);
            assertEquals(0, header[CpioNewc.HEADER_LENGTH + length], "the name's NUL");
        }
    }

    @Test
    void trailerEndsAnArchive() {
        byte[] trailer = CpioNewc.trailer();
        assertEquals("TRAILER!!!", new String(trailer, 110, 10, StandardCharsets.US_ASCII));
        assertEquals(124, trailer.length);
    }

    @Test
    void rejectsWhatNewcCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> CpioNewc.header("a\0b", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> CpioNewc.header("/big", 0, 1L << 32));
    }
}
