package io.jpxe.commands.system.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

class UsbTest {
    @TempDir
    Path dir;

    private static void run(Command command, String... argv) throws JpxeException {
        command.execute(null, command.syntax().parse(List.of(argv)));
    }

    /** A fake sysfs device directory with busnum/devnum and, if given, descriptors. */
    private Path device(String name, String busnum, String devnum, byte[] descriptors) throws IOException {
        Path device = Files.createDirectories(dir.resolve("devices").resolve(name));
        if (busnum != null) {
            Files.writeString(device.resolve("busnum"), busnum + "\n");
        }
        if (devnum != null) {
            Files.writeString(device.resolve("devnum"), devnum + "\n");
        }
        if (descriptors != null) {
            Files.write(device.resolve("descriptors"), descriptors);
        }
        return device;
    }

    @Test
    void usbscanIteratesInBusdevOrderThenFailsWithEnoent() throws IOException, JpxeException {
        device("usb1", "1", "1", null);
        device("1-1", "1", "3", null);
        device("1-1.2", "1", "12", null);
        device("usb2", "2", "1", null);
        device("1-1:1.0", "1", "3", null); // an interface, not a device
        device("broken", "x", "2", null);
        device("nonumbers", null, null, null);
        SettingsTree settings = new SettingsTree();
        UsbscanCommand scan = new UsbscanCommand(settings, dir.resolve("devices"));
        List<String> seen = new ArrayList<>();
        while (true) {
            try {
                run(scan, "usbscan", "dev");
            } catch (JpxeException e) {
                assertEquals(Errno.ENOENT.status(), e.status());
                break;
            }
            assertEquals("uint16", settings.fetchValue("dev").orElseThrow().type());
            seen.add(settings.fetch("dev").orElseThrow());
        }
        assertEquals(List.of("0x101", "0x103", "0x10c", "0x201"), seen);
        settings.store("dev:uint16", "0x104");
        run(scan, "usbscan", "dev");
        assertEquals(Optional.of("0x10c"), settings.fetch("dev"));
        settings.clear("dev");
        run(scan, "usbscan", "dev:uint32");
        assertEquals("uint32", settings.fetchValue("dev").orElseThrow().type());
        assertEquals(Optional.of("0x101"), settings.fetch("dev"));
    }

    @Test
    void usbscanWithoutUsbFailsWithEnoent() {
        UsbscanCommand scan = new UsbscanCommand(new SettingsTree(), dir.resolve("missing"));
        JpxeException e = assertThrows(JpxeException.class, () -> run(scan, "usbscan", "dev"));
        assertEquals(Errno.ENOENT.status(), e.status());
    }

    @Test
    void usbSettingsReadDescriptorsLittleEndian() throws IOException, JpxeException {
        byte[] descriptor = new byte[18];
        descriptor[0] = 18;
        descriptor[1] = 1; // device descriptor
        descriptor[8] = 0x6b; // idVendor 0x1d6b, little-endian
        descriptor[9] = 0x1d;
        descriptor[10] = 0x03; // idProduct 0x0003
        descriptor[11] = 0x00;
        device("usb3", "3", "1", descriptor);
        SettingsTree settings = new SettingsTree();
        settings.mount(new UsbSettings(dir.resolve("devices")));
        UsbscanCommand scan = new UsbscanCommand(settings, dir.resolve("devices"));
        run(scan, "usbscan", "dev");
        assertEquals("1d6b 0003 00031d6b", settings.expand("${usb/${dev}.8.2} ${usb/${dev}.10.2} ${usb/${dev}.8.4}"));
        assertEquals("0x1d6b", settings.expand("${usb/${dev}.8.2:uint16}"));
        assertEquals("", settings.expand("${usb/${dev}.17.2}${usb/0x0402.0.2}")); // past the end; no such device
    }
}
