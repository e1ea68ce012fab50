package io.jpxe.proto.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Inet6AddressesTest {
    @TempDir
    Path dir;

    @Test
    void readsTheKernelsTableWithFlags() throws Exception {
        Path file = dir.resolve("if_inet6");
        Files.writeString(file, String.join("\n",
                "fe800000000000000000000000000001 04 40 20 c0     eth0", // tentative, permanent
                "fe800000000000000000000000000002 04 40 20 c4     eth0", // tentative but optimistic
                "fd000018000000000000000000000100 04 40 00 80     eth0", // DHCPv6 (permanent)
                "fd000018000000005054fffe00000001 04 40 00 00     eth0", // SLAAC
                "fd000018000000000000000000000009 05 40 00 88     eth1", // another interface, DAD failed
                "garbage line", ""));
        List<Inet6Addresses.Entry> eth0 = Inet6Addresses.of(file, "eth0");
        assertEquals(4, eth0.size());
        assertTrue(eth0.get(0).linkLocal());
        assertFalse(eth0.get(0).usable());
        assertTrue(eth0.get(1).usable());
        assertFalse(eth0.get(2).autoconfigured());
        assertTrue(eth0.get(3).autoconfigured() && eth0.get(3).usable() && !eth0.get(3).linkLocal());
        assertFalse(Inet6Addresses.of(file, "eth1").get(0).usable());
        assertEquals(List.of(), Inet6Addresses.of(dir.resolve("missing"), "eth0"));
    }

    @Test
    void prefixMatching() {
        byte[] a = java.util.HexFormat.of().parseHex("fd000018000000000000000000000100");
        assertTrue(Inet6Addresses.inPrefix(a, java.util.HexFormat.of().parseHex("fd000018000000000000000000000000"), 64));
        assertFalse(Inet6Addresses.inPrefix(a, java.util.HexFormat.of().parseHex("fd000019000000000000000000000000"), 64));
        assertTrue(Inet6Addresses.inPrefix(a, new byte[16], 0));
    }
}
