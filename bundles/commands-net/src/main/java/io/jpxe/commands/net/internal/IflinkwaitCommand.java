package io.jpxe.commands.net.internal;

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

/** {@code iflinkwait [--timeout <timeout>] [<interface>...]}: opens and waits for link-up; stops at the first success. */
@Component(service = Command.class)
@JpxeCommand("iflinkwait")
public final class IflinkwaitCommand implements Command {
    private static final OptionSpec TIMEOUT = OptionSpec.value('t', "timeout", "timeout");
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("iflinkwait")
            .usage("[--timeout <timeout>] [<interface>...]").option(TIMEOUT)
            .summary("Wait for link-up").arguments(0, CommandSyntax.UNLIMITED).build();

    private final NetInventory net;

    @Activate
    public IflinkwaitCommand(@Reference NetInventory net) {
        this.net = net;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        JpxeException last = null;
        for (NetDevice device : NetDevices.select(net.devices(), args.arguments())) {
            try {
                NetDevices.open(device);
                NetDevices.waitForLink(device, args.timeout(TIMEOUT.longName(), NetDevices.LINK_WAIT), context);
                return;
            } catch (JpxeException e) {
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
    }
}
