package io.jpxe.commands.system.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.settings.SettingsBlock;


/**
 * The read-only {@code usb} settings block (iPXE {@code drivers/bus/usb_settings.c}): a device's
 * descriptors as {@code ${usb/<busdev>.<offset>.<length>}}, e.g. {@code ${usb/${dev}.8.2}} for the
 * vendor ID of a device found by {@code usbscan dev}. The tag is {@code busdev << 16 | offset << 8 | length};
 * the bytes come from the kernel's {@code /sys/bus/usb/devices/<device>/descriptors} (the device
 * descriptor, then the configuration descriptors) and are reversed (USB is little-endian), and their
 * type is {@code hexraw}. Unknown devices and ranges past the end give an empty value. Thread-safe.
 */
@Component(service = SettingsBlock.class)
public final class UsbSettings extends BusBytesBlock {
    private final Path devices;

    public UsbSettings() {
        this(Path.of("/sys/bus/usb/devices"));
    }

    UsbSettings(Path devices) {
        super("usb");
        this.devices = devices;
    }

    @Override
    Optional<byte[]> read(int busdev, int offset, int length) {
        Path device;
        try {
            device = UsbDevices.list(devices).get(busdev);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (device == null) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(device.resolve("descriptors"))) {
            return in.skip(offset) == offset ? Optional.of(in.readNBytes(length)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
