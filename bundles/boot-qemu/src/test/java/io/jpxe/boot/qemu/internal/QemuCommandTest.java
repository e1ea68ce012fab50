package io.jpxe.boot.qemu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuCommandTest {

    @Test
    void directLinuxBootOnTheSerialConsole() {
        List<String> args = QemuCommand.arguments(QemuSettings.defaults(), Path.of("/usr/bin/qemu-system-x86_64"),
                "tcg", Path.of("/proc/1/fd/7"), Optional.of(Path.of("/proc/1/fd/8")), "quiet console=ttyS0");
        assertEquals(List.of("/usr/bin/qemu-system-x86_64", "-nodefaults", "-no-user-config", "-accel", "tcg",
                "-m", "1G", "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
                "-kernel", "/proc/1/fd/7", "-initrd", "/proc/1/fd/8", "-append", "quiet console=ttyS0",
                "-netdev", "user,id=net0", "-device", "virtio-net-pci,netdev=net0,romfile="), args);
    }

    @Test
    void settingsShapeTheCommand() {
        Map<String, String> props = Map.of(QemuSettings.MEMORY, "2G", QemuSettings.NIC, "none",
                QemuSettings.ARGS, " -smp 2  -cpu max ");
        List<String> args = QemuCommand.arguments(QemuSettings.from(props::get), Path.of("qemu"), "kvm",
                Path.of("k"), Optional.empty(), "");
        assertEquals(List.of("qemu", "-nodefaults", "-no-user-config", "-accel", "kvm", "-m", "2G", "-display",
                "none", "-monitor", "none", "-serial", "stdio", "-no-reboot", "-kernel", "k", "-append", "",
                "-smp", "2", "-cpu", "max"), args);
        List<String> e1000 = QemuCommand.arguments(QemuSettings.from(Map.of(QemuSettings.NIC, "e1000",
                QemuSettings.NETDEV, "user,hostfwd=tcp::2222-:22")::get), Path.of("qemu"), "tcg", Path.of("k"),
                Optional.empty(), "");
        assertEquals(List.of("-netdev", "user,hostfwd=tcp::2222-:22,id=net0", "-device", "e1000,netdev=net0,romfile="),
                e1000.subList(e1000.size() - 4, e1000.size()));
    }

    @Test
    void aConsoleIsAddedOnlyWhenNoneIsNamed() {
        assertEquals("console=ttyS0", QemuCommand.withConsole("", "ttyS0"));
        assertEquals("quiet panic=-1 console=ttyS0", QemuCommand.withConsole("quiet panic=-1", "ttyS0"));
        assertEquals("console=tty0 quiet", QemuCommand.withConsole("console=tty0 quiet", "ttyS0"));
        assertEquals("quiet console=ttyS1,115200", QemuCommand.withConsole("quiet console=ttyS1,115200", "ttyS0"));
        assertEquals("quiet", QemuCommand.withConsole("quiet", ""), "an empty setting adds nothing");
        assertEquals("netconsole=x console=ttyS0", QemuCommand.withConsole("netconsole=x", "ttyS0"));
    }

    @Test
    void findsTheProgramOnThePath(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path program = Files.writeString(bin.resolve("qemu-system-x86_64"), "#!/bin/sh\n");
        Path notExecutable = Files.writeString(tmp.resolve("qemu-plain"), "");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = tmp.resolve("empty") + ":" + bin;

        assertEquals(Optional.of(program), QemuCommand.locate("qemu-system-x86_64", path));
        assertEquals(Optional.empty(), QemuCommand.locate("qemu-system-x86_64", tmp.resolve("empty").toString()));
        assertEquals(Optional.empty(), QemuCommand.locate("qemu-system-x86_64", null));
        assertEquals(Optional.of(program), QemuCommand.locate(program.toString(), null));
        assertTrue(QemuCommand.locate(notExecutable.toString(), path).isEmpty());
    }
}
