package io.jpxe.commands.system.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.StatusException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.Settings;

/**
 * {@code pciscan <setting>} (iPXE {@code pci_cmd.c}): an iterator over PCI functions. Stores the first
 * function after the setting's current value (from {@code 0000:00:00.0} when it is unset) and fails
 * with {@code ENOENT} after the last one, so {@code :next pciscan dev && goto found || goto done}
 * loops over every device. The type is {@code uint16} unless the name gives one (so {@code ${dev}} is
 * {@code 0xfa}, usable in {@code ${pci/${dev}.0.2}}; {@code ${dev:busdevfn}} shows {@code 0000:00:1f.2}).
 * The devices come from the kernel's {@code /sys/bus/pci/devices}.
 */
@Component(service = Command.class)
@JpxeCommand("pciscan")
public final class PciscanCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("pciscan").usage("<setting>")
            .summary("Scan for PCI devices").arguments(1, 1).build();

    private final Settings settings;
    private final Path devices;

    @Activate
    public PciscanCommand(@Reference Settings settings) {
        this(settings, Path.of("/sys/bus/pci/devices"));
    }

    PciscanCommand(Settings settings, Path devices) {
        this.settings = settings;
        this.devices = devices;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        String name = args.argument(0);
        int colon = name.lastIndexOf(':');
        boolean typed = colon > name.lastIndexOf('/');
        String baseName = typed ? name.substring(0, colon) : name;
        Optional<SettingValue> previous = settings.fetchValue(name);
        long start = 0;
        if (previous.isPresent()) {
            start = unsigned(previous.get().raw()) + 1;
            if (start > 0xFFFF_FFFFL) {
                throw new StatusException(Errno.ENOENT.status(), "end of PCI devices");
            }
        }
        OptionalLong next;
        try {
            next = PciDevices.next(PciDevices.list(devices), start);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "cannot list " + devices + " (" + e.getMessage() + ")", e);
        }
        if (next.isEmpty()) {
            throw new StatusException(Errno.ENOENT.status(), "no more PCI devices");
        }
        long busdevfn = next.getAsLong();
        long value = busdevfn;
        // uint16 as in iPXE; a device outside PCI segment 0 does not fit it, and truncating would make
        // the iteration go round for ever
        String type = typed ? name.substring(colon + 1)
                : previous.map(SettingValue::type).filter(t -> busdevfn <= 0xffff || !t.endsWith("16"))
                        .orElse(busdevfn > 0xffff ? "uint32" : "uint16");
        int size = switch (type) {
            case "int8", "uint8" -> 1;
            case "int16", "uint16" -> 2;
            default -> 4;
        };
        byte[] raw = new byte[size];
        for (int i = size - 1; i >= 0; i--, value >>= 8) {
            raw[i] = (byte) value;
        }
        try {
            settings.storeRaw(baseName, type, raw);
        } catch (JpxeException e) {
            throw new JpxeException(e.errno(), "Could not store \"" + name + "\" (" + e.getMessage() + ")", e);
        }
    }

    private static long unsigned(byte[] raw) {
        long value = 0;
        for (byte b : raw) {
            value = value << 8 | (b & 0xff);
        }
        return value & 0xFFFF_FFFFL;
    }
}
