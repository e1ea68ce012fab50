package io.jpxe.commands.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.net.NetConfigurator;
import io.jpxe.settings.internal.SettingsTree;
import io.jpxe.testkit.RecordingContext;

class NetCommandsTest {
    private final TestDevice net0 = new TestDevice("net0");
    private final TestDevice net1 = new TestDevice("net1");
    private final RecordingContext context = new RecordingContext();

    private static Map.Entry<Map<String, Object>, NetConfigurator> configurator(String name, NetConfigurator c) {
        return Map.entry(Map.of(NetConfigurator.NAME_PROPERTY, name), c);
    }

    private static NetInventory devices(TestDevice... devices) {
        return NetInventory.of(List.of(devices), List.of());
    }

    @Test
    void ifstatPrintsIpxesTwoLines() throws Exception {
        IfstatCommand ifstat = new IfstatCommand(devices(net1, net0));
        ifstat.execute(context, ifstat.syntax().parse(List.of("ifstat")));
        assertEquals("net0: 52:54:00:12:34:50 using virtio_net on pci:0000:00:03.0 (Ethernet) [closed]\n"
                + "  [Link:up, TX:0 TXE:0 RX:0 RXE:0]\n"
                + "net1: 52:54:00:12:34:51 using virtio_net on pci:0000:00:03.0 (Ethernet) [closed]\n"
                + "  [Link:up, TX:0 TXE:0 RX:0 RXE:0]\n", context.console().printed());
    }

    @Test
    void unknownInterfaceIsNoSuchDevice() {
        IfopenCommand ifopen = new IfopenCommand(devices(net0));
        JpxeException e = assertThrows(JpxeException.class,
                () -> ifopen.execute(context, ifopen.syntax().parse(List.of("ifopen", "net7"))));
        assertEquals(Errno.ENODEV, e.errno());
        assertEquals("No such interface: net7: No such device", e.describe());
    }

    @Test
    void ifopenAndIfcloseActOnTheNamedInterfacesOrAll() throws Exception {
        IfopenCommand ifopen = new IfopenCommand(devices(net0, net1));
        ifopen.execute(context, ifopen.syntax().parse(List.of("ifopen", "net1")));
        assertEquals(List.of(false, true), List.of(net0.open, net1.open));
        IfcloseCommand ifclose = new IfcloseCommand(devices(net0, net1));
        ifclose.execute(context, ifclose.syntax().parse(List.of("ifclose")));
        assertEquals(List.of(1, 1), List.of(net0.closes, net1.closes));
        assertEquals(List.of(false, false), List.of(net0.open, net1.open));
    }

    @Test
    void dhcpStopsAtTheFirstDeviceThatConfigures() throws Exception {
        NetConfigurator onlyNet1 = (device, ctx) -> {
            if (device != net1) {
                throw new JpxeException(Errno.ETIMEDOUT, "");
            }
        };
        DhcpCommand dhcp = new DhcpCommand(NetInventory.of(List.of(net0, net1), List.of(configurator("dhcp", onlyNet1))));
        dhcp.execute(context, dhcp.syntax().parse(List.of("dhcp")));
        assertEquals("Configuring (net0 52:54:00:12:34:50)... Connection timed out\n"
                + "Configuring (net1 52:54:00:12:34:51)... ok\n", context.console().errors());
        assertFalse(net0.open, "a device that failed to configure is closed again");
        assertTrue(net1.open);
    }

    @Test
    void aQuickIpv6SuccessDoesNotCutOffDhcpButDhcpDoesNotWaitForIpv6() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean leased = new java.util.concurrent.atomic.AtomicBoolean();
        NetConfigurator slowDhcp = (device, ctx) -> {
            try {
                Thread.sleep(Configure.GRACE.toMillis() + 300); // an emulated machine's DHCP
            } catch (InterruptedException e) {
                throw new JpxeException(Errno.ECANCELED, "abandoned");
            }
            leased.set(true);
        };
        NetConfigurator quickIpv6 = (device, ctx) -> { };
        Configure.device(net0, List.of(new Configure.Named("dhcp", slowDhcp), new Configure.Named("ipv6", quickIpv6)),
                null, Duration.ofSeconds(1), context);
        assertTrue(leased.get(), "DHCPv4 (the boot file) is waited for although IPv6 succeeded first");

        NetConfigurator slowIpv6 = (device, ctx) -> {
            try {
                Thread.sleep(60_000); // router solicitations on a network without IPv6
            } catch (InterruptedException e) {
                throw new JpxeException(Errno.ECANCELED, "abandoned");
            }
        };
        long begin = System.nanoTime();
        Configure.device(net0, List.of(new Configure.Named("dhcp", (d, c) -> { }), new Configure.Named("ipv6", slowIpv6)),
                null, Duration.ofSeconds(1), context);
        assertTrue(System.nanoTime() - begin < Configure.GRACE.toNanos() + 2_000_000_000L,
                "IPv6 gets the grace after DHCP succeeded, not its whole timeout");
    }

    @Test
    void timeoutIsReportedAsIpxeDoes() {
        NetConfigurator never = (device, ctx) -> {
            throw new JpxeException(Errno.ETIMEDOUT, "");
        };
        IfconfCommand ifconf = new IfconfCommand(NetInventory.of(List.of(net0), List.of(configurator("dhcp", never))));
        JpxeException e = assertThrows(JpxeException.class,
                () -> ifconf.execute(context, ifconf.syntax().parse(List.of("ifconf", "-c", "dhcp", "net0"))));
        assertEquals("Could not configure net0: Connection timed out", e.describe());
        assertEquals("Configuring [dhcp] (net0 52:54:00:12:34:50)... Connection timed out\n", context.console().errors());
        JpxeException unknown = assertThrows(JpxeException.class,
                () -> ifconf.execute(context, ifconf.syntax().parse(List.of("ifconf", "-c", "ipv6"))));
        assertEquals(Errno.ENOTSUP, unknown.errno());
    }

    @Test
    void linkThatStaysDownFailsTheConfiguration() {
        net0.link = false;
        JpxeException e = assertThrows(JpxeException.class, () -> Configure.device(net0,
                List.of(new Configure.Named("dhcp", (d, c) -> { })), null, Duration.ofMillis(150),
                context));
        assertEquals(Errno.ENETUNREACH, e.errno());
    }

    @Test
    void routeListsConfiguredDevicesFromTheirSettings() throws Exception {
        SettingsTree settings = new SettingsTree();
        settings.store("net0/ip", "198.18.0.100");
        settings.store("net0/netmask", "255.255.255.0");
        settings.store("net0/gateway", "198.18.0.1");
        settings.store("net1/ip", "10.1.2.3");
        net0.open();
        assertEquals("net0: 198.18.0.100/255.255.255.0 gw 198.18.0.1\nnet1: 10.1.2.3/255.0.0.0 (inaccessible)\n",
                RouteCommand.table(List.of(net0, net1), settings));
    }

    @Test
    void filenamesBecomeUrisAsPxeUriDoes() throws Exception {
        assertEquals(URI.create("tftp://198.18.0.1/boot.ipxe"), AutobootCommand.pxeUri(Optional.of("198.18.0.1"),
                "boot.ipxe"));
        assertEquals(URI.create("tftp://198.18.0.1//abs/path"), AutobootCommand.pxeUri(Optional.of("198.18.0.1"),
                "/abs/path"));
        assertEquals(URI.create("http://198.18.0.1/boot.ipxe"), AutobootCommand.pxeUri(Optional.empty(),
                "http://198.18.0.1/boot.ipxe"));
        assertEquals("tftp://198.18.0.1/C:%5Cboot%5Cx.efi".replace("%5C", "%5C"),
                AutobootCommand.pxeUri(Optional.of("198.18.0.1"), "C:\\boot\\x.efi").toASCIIString());
        assertThrows(JpxeException.class, () -> AutobootCommand.pxeUri(Optional.empty(), "boot.ipxe"));
    }
}
