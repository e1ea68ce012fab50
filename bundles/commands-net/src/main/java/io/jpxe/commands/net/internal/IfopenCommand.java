package io.jpxe.commands.net.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.net.NetDevice;

/** {@code ifopen [<interface>...]}: opens the named interfaces, or all of them. */
@Component(service = Command.class)
@JpxeCommand("ifopen")
public final class IfopenCommand extends EachInterfaceCommand {

    @Activate
    public IfopenCommand(@Reference NetInventory net) {
        super("ifopen", "Open network interface", net);
    }

    @Override
    void apply(CommandContext context, NetDevice device) throws JpxeException {
        NetDevices.open(device);
    }
}
