package io.jpxe.proto.dhcp.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.net.NetDevice;
import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.Settings;
import io.jpxe.api.settings.SettingsBlock;

/**
 * {@code pxebs <interface> <server type>} (iPXE's {@code dhcp_cmd.c}, {@code usr/dhcpmgmt.c}): PXE Boot
 * Server Discovery on a configured interface, printing {@code PXEBS (net0 type 1)... ok}; the Boot
 * Server ACK becomes the {@code pxebs} settings block ({@code ${pxebs/filename}}). The discovery
 * control (43.6), multicast address (43.7) and server list (43.8) come from the settings, as the DHCP
 * or ProxyDHCP server gave them.
 */
@Component(service = Command.class)
@JpxeCommand("pxebs")
public final class PxebsCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("pxebs").usage("<interface> <server type>")
            .summary("Perform PXE Boot Server Discovery").arguments(2, 2).build();

    /** Dynamic: a NIC coming or going must not restart the command and drop the {@code pxebs} block. */
    @Reference(service = NetDevice.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<NetDevice> devices = List.of();
    private final Settings settings;
    private final BundleContext context;
    private final SecureRandom random = new SecureRandom();
    private ServiceRegistration<SettingsBlock> published;

    @Activate
    public PxebsCommand(@Reference Settings settings, BundleContext context) {
        this.settings = settings;
        this.context = context;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext command, ParsedCommand args) throws JpxeException {
        NetDevice device = device(args.argument(0));
        long type = CommandSyntax.parseInteger(args.argument(1));
        if (type < 0 || type > 0xFFFF) {
            throw ParsedCommand.invalid("server type", args.argument(1));
        }
        PrintStream err = command.console().err();
        err.print("PXEBS (" + device.name() + " type " + type + ")...");
        err.flush();
        try {
            DhcpPacket ack = discover(device, (int) type, command);
            publish(ack);
            err.println(" ok");
        } catch (JpxeException e) {
            err.println(" " + e.errno().message());
            throw e;
        }
    }

    private DhcpPacket discover(NetDevice device, int type, CommandContext command) throws JpxeException {
        byte[] ip = raw(device.name() + "/ip").filter(v -> v.length == 4 && !DhcpPacket.isZero(v))
                .orElseThrow(() -> new JpxeException(Errno.ENETUNREACH, device.name() + " has no IPv4 address"));
        int control = raw("43.6").filter(v -> v.length == 1).map(v -> v[0] & 0xFF).orElse(0);
        PxeBootServers plan = PxeBootServers.plan(control, raw("43.7").orElse(null), raw("43.8").orElse(null), type);
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.setReuseAddress(true);
            socket.setBroadcast(true);
            // bound to the leased address: Linux then sends broadcasts and multicasts out of its interface
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(ip), DhcpSession.CLIENT_PORT));
            PxebsSession.Sender sender = (destination, port, payload) -> socket.send(new DatagramPacket(payload,
                    payload.length, new InetSocketAddress(InetAddress.getByAddress(destination), port)));
            return new PxebsSession(FrameLink.of(device), sender, DhcpConfigurator.requests(device.macAddress(), settings),
                    random.nextInt(), PxebsSession.Timing.IPXE, System::nanoTime)
                    .run(plan, ip, type, command::checkCancelled);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "PXE boot server discovery on " + device.name() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private Optional<byte[]> raw(String name) {
        return settings.fetchValue(name).map(SettingValue::raw);
    }

    private NetDevice device(String name) throws JpxeException {
        return devices.stream().filter(d -> d.name().equals(name) || d.interfaceName().equals(name)).findFirst()
                .orElseThrow(() -> new JpxeException(Errno.ENODEV, "No such interface " + name));
    }

    /** The ACK replaces the previous discovery's block. */
    private synchronized void publish(DhcpPacket ack) {
        if (published != null) {
            unregister(published);
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("jpxe.settings.path", "pxebs");
        published = context.registerService(SettingsBlock.class, new DhcpSettings("pxebs", ack, 0), properties);
    }

    @Deactivate
    synchronized void deactivate() {
        if (published != null) {
            unregister(published);
            published = null;
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
    }
}
