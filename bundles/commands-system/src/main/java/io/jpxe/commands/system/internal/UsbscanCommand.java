package io.jpxe.commands.system.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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
 * {@code usbscan <setting>} (iPXE {@code usb_cmd.c}): an iterator over USB devices. Stores the
 * {@code busdev} ({@code bus << 8 | address}) of the first device after the setting's current value
 * (from {@code 0} when it is unset) and fails with {@code ENOENT} after the last one, so
 * {@code :next usbscan dev && goto found || goto done} loops over every device. The type is
 * {@code uint16} unless the name gives one (so {@code ${dev}} is usable in {@code ${usb/${dev}.8.2}}).
 * The devices come from the kernel's {@code /sys/bus/usb/devices}.
 */
@Component(service = Command.class)
@JpxeCommand("usbscan")
public final class UsbscanCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("usbscan").usage("<setting>")
            .summary("Scan for USB devices").arguments(1, 1).build();

    private final Settings settings;
    private final Path devices;

    @Activate
    public UsbscanCommand(@Reference Settings settings) {
        this(settings, Path.of("/sys/bus/usb/devices"));
    }

    UsbscanCommand(Settings settings, Path devices) {
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
        Optional<Map.Entry<Integer, Path>> next;
        try {
            next = UsbDevices.next(UsbDevices.list(devices), cursor.start());
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "cannot list " + devices + " (" + e.getMessage() + ")", e);
        }
        if (next.isEmpty()) {
            throw new StatusException(Errno.ENOENT.status(), "no more USB devices");
        }
        // uint16 as in iPXE: every busdev fits it
        cursor.store(next.get().getKey(), cursor.previousType().orElse("uint16"));
    }
}
