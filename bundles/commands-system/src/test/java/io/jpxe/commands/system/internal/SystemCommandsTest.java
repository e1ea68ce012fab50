package io.jpxe.commands.system.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.settings.internal.SettingsTree;

class SystemCommandsTest {
    private static final String CPUINFO = "processor\t: 0\nvendor_id\t: GenuineIntel\n"
            + "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep sse sse2 ht syscall nx lm pni ssse3 "
            + "hypervisor lahf_lm abm\n\nprocessor\t: 1\nflags\t\t: fpu\n";

    @TempDir
    Path dir;

    private static void run(Command command, String... argv) throws JpxeException {
        command.execute(null, command.syntax().parse(List.of(argv)));
    }

    @Test
    void cpuidTestsTheFirstProcessorsFlagsPerRegister() throws IOException, JpxeException {
        Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"), CPUINFO);
        CpuidCommand cpuid = new CpuidCommand(cpuinfo);
        run(cpuid, "cpuid", "--ext", "29"); // lm: 64-bit
        run(cpuid, "cpuid", "--amd", "20"); // nx
        run(cpuid, "cpuid", "26"); // sse2
        run(cpuid, "cpuid", "-c", "31"); // hypervisor
        run(cpuid, "cpuid", "-e", "-c", "5"); // abm
        JpxeException missing = assertThrows(JpxeException.class, () -> run(cpuid, "cpuid", "-c", "28")); // avx
        assertEquals(Errno.ENOENT.status(), missing.status());
        assertEquals(Errno.EINVAL, assertThrows(JpxeException.class, () -> run(cpuid, "cpuid", "32")).errno());
        assertEquals(Errno.EINVAL, assertThrows(JpxeException.class, () -> run(cpuid, "cpuid", "x")).errno());
        Path arm = Files.writeString(dir.resolve("arm"), "processor\t: 0\nFeatures\t: fp asimd\n");
        assertEquals(Errno.ENOTSUP, assertThrows(JpxeException.class,
                () -> run(new CpuidCommand(arm), "cpuid", "1")).errno());
    }

    @Test
    void cpuidOnThisMachineAgreesWithTheKernelsLongModeFlag() throws IOException, JpxeException {
        Path real = Path.of("/proc/cpuinfo");
        Optional<CpuFeatures> features = CpuFeatures.read(real);
        if (features.isEmpty()) {
            assertEquals(Errno.ENOTSUP, assertThrows(JpxeException.class,
                    () -> run(new CpuidCommand(), "cpuid", "--ext", "29")).errno());
            return;
        }
        boolean longMode = Files.readString(real).matches("(?s).*\\bflags\\s*:[^\\n]*\\blm\\b.*");
        if (longMode) {
            run(new CpuidCommand(), "cpuid", "--ext", "29");
        } else {
            assertThrows(JpxeException.class, () -> run(new CpuidCommand(), "cpuid", "--ext", "29"));
        }
    }

    @Test
    void pciscanIteratesInAddressOrderThenFailsWithEnoent() throws IOException, JpxeException {
        Path devices = Files.createDirectories(dir.resolve("devices"));
        for (String name : List.of("0000:00:1f.2", "0000:00:00.0", "0000:02:00.1", "0001:00:03.0", "not-a-device")) {
            Files.createDirectory(devices.resolve(name));
        }
        SettingsTree settings = new SettingsTree();
        PciscanCommand scan = new PciscanCommand(settings, devices);
        List<String> seen = new ArrayList<>();
        while (true) {
            try {
                run(scan, "pciscan", "dev");
            } catch (JpxeException e) {
                assertEquals(Errno.ENOENT.status(), e.status());
                break;
            }
            seen.add(settings.fetch("dev:busdevfn").orElseThrow());
        }
        assertEquals(List.of("0000:00:00.0", "0000:00:1f.2", "0000:02:00.1", "0001:00:03.0"), seen);
        assertEquals("uint32", settings.fetchValue("dev").orElseThrow().type()); // segment 1 does not fit uint16
        settings.clear("dev");
        run(scan, "pciscan", "dev");
        assertEquals("uint16", settings.fetchValue("dev").orElseThrow().type());
        run(scan, "pciscan", "dev");
        assertEquals(Optional.of("0xfa"), settings.fetch("dev")); // 00:1f.2 = 0x00fa
        settings.clear("dev");
        run(scan, "pciscan", "dev:busdevfn");
        assertEquals(Optional.of("0000:00:00.0"), settings.fetch("dev"));
    }

    @Test
    void pciscanVisitsEveryFunctionTheKernelLists() throws IOException {
        Path sysfs = Path.of("/sys/bus/pci/devices");
        int expected = PciDevices.list(sysfs).size();
        SettingsTree settings = new SettingsTree();
        PciscanCommand scan = new PciscanCommand(settings);
        int count = 0;
        try {
            while (count <= expected) {
                run(scan, "pciscan", "d");
                count++;
            }
        } catch (JpxeException e) {
            assertEquals(Errno.ENOENT.status(), e.status());
        }
        assertEquals(expected, count);
    }

    @Test
    void pciSettingsReadConfigurationSpaceLittleEndian() throws IOException, JpxeException {
        Path devices = Files.createDirectories(dir.resolve("sysfs/0000:00:1f.2"));
        byte[] config = new byte[64];
        config[0] = (byte) 0x86; // vendor 0x8086, little-endian
        config[1] = (byte) 0x80;
        config[2] = 0x22; // device 0x2922
        config[3] = 0x29;
        Files.write(devices.resolve("config"), config);
        SettingsTree settings = new SettingsTree();
        settings.mount(new PciSettings(dir.resolve("sysfs")));
        settings.store("dev:uint16", "0xfa");
        assertEquals("8086 2922 29228086", settings.expand("${pci/${dev}.0.2} ${pci/${dev}.2.2} ${pci/${dev}.0.4}"));
        assertEquals("0x8086", settings.expand("${pci/${dev}.0.2:uint16}"));
        assertEquals("", settings.expand("${pci/${dev}.63.2}${pci/0x00f8.0.2}")); // past the end; no such device
    }

    @Test
    void pciSettingsAgreeWithTheKernelsVendorFiles() throws IOException, JpxeException {
        Path sysfs = Path.of("/sys/bus/pci/devices");
        SettingsTree settings = new SettingsTree();
        settings.mount(new PciSettings());
        PciscanCommand scan = new PciscanCommand(settings);
        for (int i = 0; i < PciDevices.list(sysfs).size(); i++) {
            run(scan, "pciscan", "d");
            String name = settings.fetch("d:busdevfn").orElseThrow();
            String vendor = Files.readString(sysfs.resolve(name).resolve("vendor")).trim(); // e.g. 0x8086
            assertEquals(vendor, "0x" + settings.expand("${pci/${d}.0.2}"), name);
        }
    }

    @Test
    void powerCommandsRefuseInHostedMode() {
        LinuxPower hosted = new LinuxPower(false);
        assertFalse(hosted.imageMode());
        JpxeException reboot = assertThrows(JpxeException.class, () -> run(new RebootCommand(hosted), "reboot"));
        assertEquals(Errno.ENOTSUP, reboot.errno());
        assertTrue(reboot.getMessage().contains("image mode"), reboot.getMessage());
        assertEquals(Errno.ENOTSUP, assertThrows(JpxeException.class,
                () -> run(new PoweroffCommand(hosted), "poweroff")).errno());
        assertEquals(Errno.ENOTSUP, assertThrows(JpxeException.class,
                () -> run(new RebootCommand(new LinuxPower(true)), "reboot", "--setup")).errno());
    }

    @Test
    void syncHasNothingToWaitFor() throws JpxeException {
        run(new SyncCommand(), "sync", "--timeout", "100");
        assertEquals(Errno.EINVAL, assertThrows(JpxeException.class,
                () -> run(new SyncCommand(), "sync", "-t", "soon")).errno());
    }
}
