package io.jpxe.commands.net.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.JpxeCommand;

/** {@code dhcp [...]}: iPXE's alias of {@code ifconf} (DHCP_CMD). */
@Component(service = Command.class)
@JpxeCommand("dhcp")
public final class DhcpCommand extends IfconfCommand {

    @Activate
    public DhcpCommand(@Reference NetInventory net) {
        super("dhcp", net);
    }
}
