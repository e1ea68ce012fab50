package io.jpxe.commands.system.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.settings.SettingsBlock;


/**
 * The read-only {@code pci} settings block (iPXE {@code drivers/bus/pci_settings.c}): PCI configuration
 * space as {@code ${pci/<busdevfn>.<offset>.<length>}}, e.g. {@code ${pci/${dev}.0.2}} for the vendor ID
 * of a device found by {@code pciscan dev}. The tag is {@code busdevfn << 16 | offset << 8 | length};
 * the bytes are read from the kernel's {@code /sys/bus/pci/devices/<address>/config} and reversed
 * (configuration space is little-endian), and their type is {@code hexraw}. Unreadable devices and
 * ranges (a non-root process sees only the first 64 bytes) give an empty value. Thread-safe.
 */
@Component(service = SettingsBlock.class)
public final class PciSettings extends BusBytesBlock {
    private final Path devices;

    public PciSettings() {
        this(Path.of("/sys/bus/pci/devices"));
    }

    PciSettings(Path devices) {
        super("pci");
        this.devices = devices;
    }

    @Override
    Optional<byte[]> read(int busdevfn, int offset, int length) {
        Path config = devices.resolve(String.format("0000:%02x:%02x.%x/config", busdevfn >> 8, busdevfn >> 3 & 0x1f,
                busdevfn & 7));
        if (!Files.isReadable(config)) {
            return Optional.empty();
        }
        byte[] bytes = new byte[length];
        try (RandomAccessFile file = new RandomAccessFile(config.toFile(), "r")) {
            file.seek(offset);
            return file.read(bytes) == length ? Optional.of(bytes) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
