package io.jpxe.commands.net.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.net.NetDevice;

/** {@code ifclose [<interface>...]}: closes the named interfaces, or all of them. */
@Component(service = Command.class)
@JpxeCommand("ifclose")
public final class IfcloseCommand extends EachInterfaceCommand {

    @Activate
    public IfcloseCommand(@Reference NetInventory net) {
        super("ifclose", "Close network interface", net);
    }

    @Override
    void apply(CommandContext context, NetDevice device) throws JpxeException {
        try {
            device.close();
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "Could not close " + device.name() + ": " + e.getMessage(), e);
        }
    }
}
