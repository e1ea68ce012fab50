package io.jpxe.nic.linux.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsInterfaceTest {

    @TempDir
    Path root;

    @Test
    void readsAPciInterfaceLikeSysfsLaysItOut() throws Exception {
        Path pci = Files.createDirectories(root.resolve("devices/pci0000:00/0000:00:03.0"));
        Files.writeString(pci.resolve("vendor"), "0x1af4\n");
        Files.writeString(pci.resolve("device"), "0x1000\n");
        Path bus = Files.createDirectories(root.resolve("bus/pci"));
        Files.createSymbolicLink(pci.resolve("subsystem"), bus);
        Path driver = Files.createDirectories(root.resolve("bus/pci/drivers/virtio_net"));
        Files.createSymbolicLink(pci.resolve("driver"), driver);
        Path classNet = Files.createDirectories(root.resolve("class/net"));
        Path eth0 = iface(classNet, "eth0", 2, 1, "52:54:00:12:34:56");
        Files.createSymbolicLink(eth0.resolve("device"), pci);
        iface(classNet, "lo", 1, 772, "00:00:00:00:00:00");
        Path vc = iface(classNet, "vc", 3, 1, "aa:bb:cc:dd:ee:ff");
        Files.writeString(vc.resolve("flags"), "0x1003\n");

        SysfsInterface s = SysfsInterface.read(classNet, "eth0").orElseThrow();
        assertEquals("PCI", s.busType());
        assertEquals("0000:00:03.0", s.busLocation());
        assertEquals(0x1af4, s.vendor());
        assertEquals(0x1000, s.device());
        assertEquals("virtio_net", s.driver());
        assertArrayEquals(new byte[] {0x52, 0x54, 0, 0x12, 0x34, 0x56}, s.mac());
        assertEquals(Optional.of(0x18), NetDeviceSettings.pciBusLocation(s.busLocation()));

        assertEquals(List.of("eth0", "vc"),
                LinuxNicDriver.select(classNet, null).stream().map(SysfsInterface::name).toList());
        assertEquals(List.of("vc"),
                LinuxNicDriver.select(classNet, " vc, missing ").stream().map(SysfsInterface::name).toList());
        assertTrue(SysfsInterface.administrativelyUp(classNet, "vc"));
        assertEquals(1500, SysfsInterface.mtu(classNet, "vc"));
        assertEquals("", SysfsInterface.read(classNet, "vc").orElseThrow().busType());
    }

    @Test
    void garbageInSysfsReadsAsAbsent() throws Exception {
        Path classNet = Files.createDirectories(root.resolve("class/net"));
        Path bad = iface(classNet, "bad", 4, 1, "zz:11");
        Files.writeString(bad.resolve("mtu"), "lots\n");
        SysfsInterface s = SysfsInterface.read(classNet, "bad").orElseThrow();
        assertEquals(0, s.mac().length);
        assertEquals(1500, SysfsInterface.mtu(classNet, "bad"));
        assertEquals(Optional.empty(), SysfsInterface.read(classNet, "../etc"));
        assertEquals(Optional.empty(), NetDeviceSettings.pciBusLocation("usb1"));
    }

    private static Path iface(Path classNet, String name, int index, int type, String mac) throws Exception {
        Path dir = Files.createDirectories(classNet.resolve(name));
        Files.writeString(dir.resolve("ifindex"), index + "\n");
        Files.writeString(dir.resolve("type"), type + "\n");
        Files.writeString(dir.resolve("address"), mac + "\n");
        Files.writeString(dir.resolve("mtu"), "1500\n");
        return dir;
    }
}
