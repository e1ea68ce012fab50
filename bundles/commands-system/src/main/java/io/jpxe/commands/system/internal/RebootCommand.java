package io.jpxe.commands.system.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;

/**
 * {@code reboot [--warm] [--setup]} (iPXE {@code reboot_cmd.c}): restarts the machine through the
 * kernel in image mode. Linux chooses warm or cold itself ({@code reboot=} kernel parameter), so
 * {@code --warm} restarts as the kernel is configured; {@code --setup} (reboot into firmware setup)
 * fails with {@code ENOTSUP}.
 */
@Component(service = Command.class)
@JpxeCommand("reboot")
public final class RebootCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("reboot").usage("[--warm] [--setup]")
            .summary("Reboot system").option(OptionSpec.flag('w', "warm")).option(OptionSpec.flag('s', "setup"))
            .arguments(0, 0).build();

    private final LinuxPower power;

    @Activate
    public RebootCommand(BundleContext context) {
        this(LinuxPower.of(context));
    }

    RebootCommand(LinuxPower power) {
        this.power = power;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        if (args.has("setup")) {
            throw new JpxeException(Errno.ENOTSUP, "reboot --setup: Linux cannot reboot into firmware setup");
        }
        power.reboot("reboot", LinuxPower.RESTART);
    }
}
