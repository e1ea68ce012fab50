package io.jpxe.commands.system.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;

/** {@code poweroff} (iPXE {@code poweroff_cmd.c}): powers the machine off through the kernel in image mode. */
@Component(service = Command.class)
@JpxeCommand("poweroff")
public final class PoweroffCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("poweroff").summary("Power off system")
            .arguments(0, 0).build();

    private final LinuxPower power;

    @Activate
    public PoweroffCommand(BundleContext context) {
        this(LinuxPower.of(context));
    }

    PoweroffCommand(LinuxPower power) {
        this.power = power;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        power.reboot("poweroff", LinuxPower.POWER_OFF);
    }
}
