package io.jpxe.proto.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class DhcpVlanTest {
    private static DhcpPacket withOption43(byte[] value) {
        byte[] zero = new byte[4];
        return new DhcpPacket(DhcpPacket.BOOTREPLY, 1, 0, 0, zero, zero, zero, zero, new byte[6], "", "",
                DhcpOptions.of(Map.of(43, DhcpOptions.encapsulate(Map.of(DhcpVlan.SUB_OPTION, value)))));
    }

    @Test
    void decimalTextAsTinkerbellSendsIt() {
        assertEquals(OptionalInt.of(42), DhcpVlan.of(withOption43("42".getBytes())));
        assertEquals(OptionalInt.of(4094), DhcpVlan.of(withOption43("4094\0".getBytes())));
    }

    @Test
    void twoByteBinaryToo() {
        assertEquals(OptionalInt.of(0x123), DhcpVlan.of(withOption43(new byte[] {1, 0x23})));
    }

    @Test
    void outOfRangeOrGarbageIsNoVlan() {
        for (String bad : new String[] {"0", "4095", "vlan", "-1", ""}) {
            assertTrue(DhcpVlan.of(withOption43(bad.getBytes())).isEmpty(), bad);
        }
        assertTrue(DhcpVlan.of(withOption43(new byte[] {1, 2, 3})).isEmpty());
        byte[] zero = new byte[4];
        assertTrue(DhcpVlan.of(new DhcpPacket(DhcpPacket.BOOTREPLY, 1, 0, 0, zero, zero, zero, zero, new byte[6], "",
                "", DhcpOptions.empty())).isEmpty());
    }

    @Test
    void vlanDevicesAreRecognisedByIpxesNaming() {
        assertTrue(DhcpVlan.isVlanDevice("net0-42"));
        assertFalse(DhcpVlan.isVlanDevice("net0"));
    }
}
