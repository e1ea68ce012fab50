package io.jpxe.boot.qemu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QemuSettingsTest {

    @Test
    void defaults() {
        assertEquals(new QemuSettings("qemu-system-x86_64", "auto", "1G", "virtio-net-pci", "user", "ttyS0",
                List.of(), Duration.ZERO), QemuSettings.defaults());
    }

    @Test
    void readsEveryProperty() {
        Map<String, String> props = Map.of("jpxe.qemu.binary", "/opt/qemu/bin/qemu", "jpxe.qemu.accel", "kvm",
                "jpxe.qemu.memory", "512M", "jpxe.qemu.nic", "e1000", "jpxe.qemu.netdev", "user,restrict=on",
                "jpxe.qemu.console", "", "jpxe.qemu.args", "-smp 2", "jpxe.qemu.timeout", "90");
        assertEquals(new QemuSettings("/opt/qemu/bin/qemu", "kvm", "512M", "e1000", "user,restrict=on", "",
                List.of("-smp", "2"), Duration.ofSeconds(90)), QemuSettings.from(props::get));
    }

    @Test
    void aBadTimeoutIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QemuSettings.from(Map.of("jpxe.qemu.timeout", "soon")::get));
        assertEquals("jpxe.qemu.timeout=soon is not a number of seconds", e.getMessage());
    }
}
