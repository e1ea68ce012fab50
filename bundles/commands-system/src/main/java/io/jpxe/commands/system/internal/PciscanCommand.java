package io.jpxe.commands.system.internal;

import java.io.IOException;
import java.nio.file.Path;
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
        ScanCursor cursor = new ScanCursor(settings, args.argument(0));
        long start = cursor.start();
        if (start > 0xFFFF_FFFFL) {
            throw new StatusException(Errno.ENOENT.status(), "end of PCI devices");
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
        // uint16 as in iPXE; a device outside PCI segment 0 does not fit it, and truncating would make
        // the iteration go round for ever
        String type = cursor.previousType().filter(t -> busdevfn <= 0xffff || !t.endsWith("16"))
                .orElse(busdevfn > 0xffff ? "uint32" : "uint16");
        cursor.store(busdevfn, type);
    }
}
