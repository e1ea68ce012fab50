package io.jpxe.boot.qemu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceleratorsTest {
    @TempDir
    Path root;

    private void machine(boolean kvmDevice, String flags) throws Exception {
        Files.createDirectories(root.resolve("dev"));
        Files.createDirectories(root.resolve("proc"));
        if (kvmDevice) {
            Files.writeString(root.resolve("dev/kvm"), "");
        }
        Files.writeString(root.resolve("proc/cpuinfo"), "processor\t: 0\nflags\t\t: fpu vme " + flags + " sse\n\n");
    }

    @Test
    void kvmNeedsTheDeviceAndHardwareVirtualisation() throws Exception {
        machine(true, "vmx");
        assertEquals("kvm", Accelerators.choose("auto", root));
    }

    @Test
    void amdToo() throws Exception {
        machine(true, "svm");
        assertEquals("kvm", Accelerators.choose("auto", root));
    }

    @Test
    void aParavirtualKvmDeviceWithoutVmxOrSvmMeansTcg() throws Exception {
        machine(true, "hypervisor svmx_not_a_flag");
        assertEquals("tcg", Accelerators.choose("auto", root));
    }

    @Test
    void noDeviceMeansTcg() throws Exception {
        machine(false, "vmx");
        assertEquals("tcg", Accelerators.choose("auto", root));
    }

    @Test
    void aSettingOverrides() throws Exception {
        machine(true, "vmx");
        assertEquals("tcg", Accelerators.choose("tcg", root));
        assertEquals("kvm:tcg", Accelerators.choose("kvm:tcg", root));
    }

    @Test
    void thisMachineWithoutVmxOrSvmGetsTcg() throws Exception {
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        boolean hardware = cpuinfo.lines().anyMatch(l -> l.startsWith("flags") && l.matches(".*\\b(vmx|svm)\\b.*"));
        if (!hardware) {
            assertEquals("tcg", Accelerators.choose("auto", Path.of("/")));
        } else {
            assertEquals(Accelerators.kvmUsable(Path.of("/")) ? "kvm" : "tcg", Accelerators.choose("auto", Path.of("/")));
        }
    }
}
