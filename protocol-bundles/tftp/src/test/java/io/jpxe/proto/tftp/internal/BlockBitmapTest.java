package io.jpxe.proto.tftp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlockBitmapTest {

    @Test
    void knowsTheEndFromTheShortBlockAndTracksGaps() {
        BlockBitmap blocks = new BlockBitmap();
        assertTrue(blocks.receive(2, 100, 512));
        assertFalse(blocks.complete());
        assertEquals(0, blocks.firstGap());
        assertTrue(blocks.receive(0, 512, 512));
        assertFalse(blocks.receive(0, 512, 512), "a duplicate");
        assertEquals(1, blocks.firstGap());
        assertFalse(blocks.receive(3, 512, 512), "past the end");
        assertTrue(blocks.receive(1, 512, 512));
        assertTrue(blocks.complete());
        assertEquals(1124, blocks.size());
    }

    @Test
    void aFileOfWholeBlocksEndsWithAnEmptyOne() {
        BlockBitmap blocks = new BlockBitmap();
        blocks.expectSize(1024, 512);
        blocks.receive(0, 512, 512);
        blocks.receive(1, 512, 512);
        assertFalse(blocks.complete());
        blocks.receive(2, 0, 512);
        assertTrue(blocks.complete());
        assertEquals(1024, blocks.size());
    }

    @Test
    void wireNumbersMapIntoTheWindowAfterTheFirstGap() {
        BlockBitmap blocks = new BlockBitmap();
        assertEquals(0, blocks.index(1));
        assertEquals(65534, blocks.index(65535));
        for (int i = 0; i < 65535; i++) {
            blocks.receive(i, 8, 8);
        }
        assertEquals(65535, blocks.index(0), "wire 0 after the wrap");
        assertEquals(65536, blocks.index(1));
    }

    @Test
    void multicastOptionValues() throws Exception {
        MulticastOption master = MulticastOption.parse("239.255.42.1,1758,1");
        assertEquals("239.255.42.1", master.group().getAddress().getHostAddress());
        assertEquals(1758, master.group().getPort());
        assertTrue(master.master());
        MulticastOption promotion = MulticastOption.parse(",,1");
        assertEquals(null, promotion.group());
        assertTrue(promotion.master());
        assertThrows(TftpOptions.Rejected.class, () -> MulticastOption.parse("239.255.42.1,1758"));
        assertThrows(TftpOptions.Rejected.class, () -> MulticastOption.parse("239.255.42.1,99999,0"));
        assertThrows(TftpOptions.Rejected.class, () -> MulticastOption.parse("example.org,1758,0"));
        assertThrows(TftpOptions.Rejected.class, () -> MulticastOption.parse("239.255.42.1,1758,2"));
    }
}
