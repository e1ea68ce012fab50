package io.jpxe.commands.net.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.net.NetDevice;

/**
 * {@code ifstat [<interface>...]}: iPXE's two lines per device:
 * {@code net0: 52:54:00:12:34:56 using virtio_net on pci:0000:00:03.0 (Ethernet) [open]} and
 * {@code   [Link:up, TX:8 TXE:0 RX:11 RXE:0]}.
 */
@Component(service = Command.class)
@JpxeCommand("ifstat")
public final class IfstatCommand extends EachInterfaceCommand {

    @Activate
    public IfstatCommand(@Reference NetInventory net) {
        super("ifstat", "Show network interface status", net);
    }

    @Override
    void apply(CommandContext context, NetDevice device) {
        context.console().out().print(describe(device));
    }

    static String describe(NetDevice device) {
        NetDevice.Counters c = device.counters();
        return device.name() + ": " + NetDevices.mac(device) + " using " + device.chip().orElse(device.interfaceName())
                + " on " + device.busLocation().orElse(device.interfaceName()) + " (Ethernet) ["
                + (device.isOpen() ? "open" : "closed") + "]\n"
                + "  [Link:" + (device.linkUp() ? "up" : "down") + ", TX:" + c.txPackets() + " TXE:" + c.txErrors()
                + " RX:" + c.rxPackets() + " RXE:" + c.rxErrors() + "]\n";
    }
}
