package io.jpxe.commands.net.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.net.NetDevice;
import io.jpxe.api.net.VlanManager;

/** {@code vdestroy <interface>}: destroys a VLAN device made by {@code vcreate} (VLAN_CMD). */
@Component(service = Command.class)
@JpxeCommand("vdestroy")
public final class VdestroyCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("vdestroy").usage("<interface>")
            .summary("Destroy a VLAN device").arguments(1, 1).build();

    private final NetInventory net;
    private final VlanManager vlans;

    @Activate
    public VdestroyCommand(@Reference NetInventory net, @Reference VlanManager vlans) {
        this.net = net;
        this.vlans = vlans;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        NetDevice device = NetDevices.named(net.devices(), args.argument(0));
        try {
            vlans.destroy(device);
        } catch (JpxeException e) {
            throw new JpxeException(e.errno(), "Could not destroy VLAN device: " + e.getMessage(), e);
        }
    }
}
