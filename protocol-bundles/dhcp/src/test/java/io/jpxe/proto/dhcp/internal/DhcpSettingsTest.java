package io.jpxe.proto.dhcp.internal;

import static io.jpxe.proto.dhcp.internal.Packets.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.jpxe.api.settings.SettingsBlock;

class DhcpSettingsTest {

    @Test
    void headerFieldsWinOverOptionsAndEncapsulatedTagsResolve() throws Exception {
        DhcpPacket ack = DhcpPacket.decode(Packets.reply(1, ip(198, 18, 0, 100), ip(198, 18, 0, 1), "", "boot.ipxe",
                53, 1, 5, 67, 3, 'o', 'p', 't', 6, 8, 198, 18, 0, 1, 198, 18, 0, 2, 209, 3, 'c', 'f', 'g',
                175, 6, 8, 1, 1, 176, 1, 1, 255));
        DhcpSettings s = new DhcpSettings("net0.dhcp", ack, 0);
        assertEquals("net0.dhcp", s.path());
        SettingsBlock.Raw ipRaw = s.fetch("ip", DhcpSettings.YIADDR_TAG).orElseThrow();
        assertArrayEquals(ip(198, 18, 0, 100), ipRaw.raw());
        assertEquals("boot.ipxe", new String(s.fetch("filename", 67).orElseThrow().raw()));
        assertArrayEquals(ip(198, 18, 0, 1), s.fetch("next-server", DhcpSettings.SIADDR_TAG).orElseThrow().raw());
        assertEquals("ipv4", s.fetch("dns", 6).orElseThrow().type());
        assertEquals(8, s.fetch("dns", 6).orElseThrow().raw().length);
        assertArrayEquals(new byte[] {1}, s.fetch("175.8", (175 << 8) | 8).orElseThrow().raw());
        assertEquals("string", s.fetch("209", 209).orElseThrow().type());
        assertTrue(s.fetch("none", 0).isEmpty());
        assertTrue(s.fetch("x", 0x1_0000).isEmpty());
        assertTrue(s.list().stream().anyMatch(v -> v.name().equals("ip") && v.formatted().equals("198.18.0.100")));
    }
}
