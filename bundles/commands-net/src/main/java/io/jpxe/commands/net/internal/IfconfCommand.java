package io.jpxe.commands.net.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.net.NetDevice;

/**
 * {@code ifconf [--configurator <configurator>] [--timeout <timeout>] [<interface>...]} and its alias
 * {@code dhcp}: configures each named interface (default: all) until one succeeds.
 */
@Component(service = Command.class)
@JpxeCommand("ifconf")
public class IfconfCommand implements Command {
    private static final OptionSpec CONFIGURATOR = OptionSpec.value('c', "configurator", "configurator");
    private static final OptionSpec TIMEOUT = OptionSpec.value('t', "timeout", "timeout");

    private final CommandSyntax syntax;
    private final NetInventory net;

    @Activate
    public IfconfCommand(@Reference NetInventory net) {
        this("ifconf", net);
    }

    IfconfCommand(String name, NetInventory net) {
        this.syntax = CommandSyntax.builder(name)
                .usage("[--configurator <configurator>] [--timeout <timeout>] [<interface>...]")
                .option(CONFIGURATOR).option(TIMEOUT).summary("Configure network interface")
                .arguments(0, CommandSyntax.UNLIMITED).build();
        this.net = net;
    }

    @Override
    public CommandSyntax syntax() {
        return syntax;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        String only = args.value(CONFIGURATOR.longName()).orElse(null);
        var timeout = args.timeout(TIMEOUT.longName(), NetDevices.LINK_WAIT);
        List<Configure.Named> configurators = net.configurators();
        JpxeException last = null;
        for (NetDevice device : NetDevices.select(net.devices(), args.arguments())) {
            try {
                Configure.device(device, configurators, only, timeout, context);
                return;
            } catch (JpxeException e) {
                if (e.errno() == io.jpxe.api.Errno.ECANCELED) {
                    throw e;
                }
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
    }
}
