package io.jpxe.commands.net.internal;

import java.util.List;
import java.util.Optional;

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
import io.jpxe.api.settings.Settings;

/**
 * {@code route}: iPXE's IPv4 routing table from each device's settings, one line per configured
 * device: {@code net0: 198.18.0.100/255.255.255.0 gw 198.18.0.1}, with {@code (inaccessible)} when closed.
 */
@Component(service = Command.class)
@JpxeCommand("route")
public final class RouteCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("route").summary("Show routing table")
            .arguments(0, 0).build();

    private final NetInventory net;
    private final Settings settings;

    @Activate
    public RouteCommand(@Reference NetInventory net, @Reference Settings settings) {
        this.net = net;
        this.settings = settings;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        context.console().out().print(table(NetDevices.sorted(net.devices()), settings));
    }

    static String table(List<NetDevice> devices, Settings settings) {
        StringBuilder out = new StringBuilder();
        for (NetDevice device : devices) {
            Optional<String> ip = settings.fetch(device.name() + "/ip");
            if (ip.isEmpty()) {
                continue;
            }
            out.append(device.name()).append(": ").append(ip.get()).append('/')
                    .append(settings.fetch(device.name() + "/netmask").orElse(classfulMask(ip.get())));
            settings.fetch(device.name() + "/gateway").filter(g -> !g.equals("0.0.0.0"))
                    .ifPresent(g -> out.append(" gw ").append(g));
            if (!device.isOpen()) {
                out.append(" (inaccessible)");
            }
            out.append('\n');
        }
        for (NetDevice device : devices) {
            ipv6Routes(device, settings, out);
        }
        return out.toString();
    }

    /**
     * iPXE's IPv6 lines ({@code usr/route_ipv6.c}): one per address, DHCPv6 then SLAAC then
     * link-local, {@code net0: ADDRESS/LEN [gw ROUTER]}.
     */
    private static void ipv6Routes(NetDevice device, Settings settings, StringBuilder out) {
        for (String block : new String[] {".dhcpv6", ".ndp", ".link"}) {
            String prefix = device.name() + block + "/";
            Optional<String> ip6 = settings.fetch(prefix + "ip6");
            if (ip6.isEmpty() || ip6.get().isEmpty()) {
                continue;
            }
            out.append(device.name()).append(": ").append(ip6.get()).append('/')
                    .append(settings.fetch(prefix + "len6").orElse("64"));
            settings.fetch(prefix + "gateway6").filter(g -> !g.isEmpty()).ifPresent(g -> out.append(" gw ").append(g));
            if (!device.isOpen()) {
                out.append(" (inaccessible)");
            }
            out.append('\n');
        }
    }

    private static String classfulMask(String ip) {
        int first = Integer.parseInt(ip.substring(0, ip.indexOf('.')));
        return first < 128 ? "255.0.0.0" : first < 192 ? "255.255.0.0" : "255.255.255.0";
    }
}
