package io.jpxe.commands.system.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.settings.SettingValue;
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
public final class UsbSettings implements SettingsBlock {
    private final Path devices;

    public UsbSettings() {
        this(Path.of("/sys/bus/usb/devices"));
    }

    UsbSettings(Path devices) {
        this.devices = devices;
    }

    @Override
    public String path() {
        return "usb";
    }

    @Override
    public int priority() {
        return -1;
    }

    /** Raw table tags mean nothing outside this block: unscoped lookups reach it by name only. */
    @Override
    public boolean scopedOnly() {
        return true;
    }

    @Override
    public Optional<Raw> fetch(String name, long tag) {
        int busdev = (int) (tag >>> 16 & 0xffff);
        int offset = (int) (tag >>> 8 & 0xff);
        int length = (int) (tag & 0xff);
        if (tag == 0 || length == 0) {
            return Optional.empty();
        }
        Path device;
        try {
            device = UsbDevices.list(devices).get(busdev);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (device == null) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(device.resolve("descriptors"))) {
            if (in.skip(offset) != offset) {
                return Optional.empty();
            }
            bytes = in.readNBytes(length);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (bytes.length != length) {
            return Optional.empty();
        }
        for (int i = 0; i < length / 2; i++) {
            byte t = bytes[i];
            bytes[i] = bytes[length - 1 - i];
            bytes[length - 1 - i] = t;
        }
        return Optional.of(new Raw("hexraw", bytes));
    }

    /** Descriptors are not listed: they are addressed by tag only. */
    @Override
    public List<SettingValue> list() {
        return List.of();
    }
}
