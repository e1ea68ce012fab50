package io.jpxe.commands.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.net.NetConfigurator;
import io.jpxe.testkit.RecordingContext;

/**
 * The commands are created once and see NICs and configurators come and go through the shared
 * {@link NetInventory}, as DS binds them after the commands were activated.
 */
class NetInventoryTest {
    private final TestDevice net0 = new TestDevice("net0");
    private final TestDevice net1 = new TestDevice("net1");
    private final RecordingContext context = new RecordingContext();
    private final NetInventory inventory = new NetInventory();

    @Test
    void commandSeesDevicesRegisteredAndUnregisteredAfterItWasCreated() throws Exception {
        IfstatCommand ifstat = new IfstatCommand(inventory);
        IfopenCommand ifopen = new IfopenCommand(inventory);
        assertEquals(Errno.ENODEV, assertThrows(JpxeException.class,
                () -> ifopen.execute(context, ifopen.syntax().parse(List.of("ifopen", "net0")))).errno());

        inventory.addDevice(net1);
        inventory.addDevice(net0);
        ifopen.execute(context, ifopen.syntax().parse(List.of("ifopen", "net0")));
        assertTrue(net0.open);
        ifstat.execute(context, ifstat.syntax().parse(List.of("ifstat")));
        String printed = context.console().printed();
        assertTrue(printed.startsWith("net0: ") && printed.contains("\nnet1: "), "net0 before net1: " + printed);

        inventory.removeDevice(net0);
        assertEquals(List.of(net1), inventory.devices());
        assertEquals(Errno.ENODEV, assertThrows(JpxeException.class,
                () -> ifopen.execute(context, ifopen.syntax().parse(List.of("ifopen", "net0")))).errno());
    }

    @Test
    void configuratorsRegisteredLaterAreUsedInNameOrder() throws Exception {
        IfconfCommand ifconf = new IfconfCommand(inventory);
        inventory.addDevice(net0);
        JpxeException none = assertThrows(JpxeException.class,
                () -> ifconf.execute(context, ifconf.syntax().parse(List.of("ifconf"))));
        assertEquals("No network configurators", none.getMessage());

        NetConfigurator ipv6 = (device, ctx) -> {
            throw new JpxeException(Errno.ETIMEDOUT, "");
        };
        NetConfigurator dhcp = (device, ctx) -> { };
        // the order DhcpConfigurator causes: dhcp's activation registers ipv6 first
        // SCR could not activate dhcp yet (a cycle at start-up): it is asked again at the next command
        ServiceObjectsStub<NetConfigurator> dhcpObjects = new ServiceObjectsStub<>(null);
        ServiceObjectsStub<NetConfigurator> ipv6Objects = new ServiceObjectsStub<>(ipv6);
        inventory.addConfigurator(ipv6Objects, Map.of(NetConfigurator.NAME_PROPERTY, "ipv6"));
        inventory.addConfigurator(dhcpObjects, Map.of(NetConfigurator.NAME_PROPERTY, "dhcp"));
        assertEquals(List.of("ipv6"), inventory.configurators().stream().map(Configure.Named::name).toList());
        dhcpObjects.service = dhcp;
        assertEquals(List.of("dhcp", "ipv6"), inventory.configurators().stream().map(Configure.Named::name).toList());
        inventory.configurators();
        assertEquals(2, dhcpObjects.gets, "taken once it could be had, then kept");

        ifconf.execute(context, ifconf.syntax().parse(List.of("ifconf", "-c", "dhcp")));
        assertEquals("Configuring [dhcp] (net0 52:54:00:12:34:50)... ok\n", context.console().errors());

        inventory.removeConfigurator(dhcpObjects);
        assertEquals(Errno.ENOTSUP, assertThrows(JpxeException.class,
                () -> ifconf.execute(context, ifconf.syntax().parse(List.of("ifconf", "-c", "dhcp")))).errno());
    }

    /** What SCR hands a bind method for a service it activates on demand. */
    private static final class ServiceObjectsStub<S> implements org.osgi.service.component.ComponentServiceObjects<S> {
        S service;
        int gets;

        ServiceObjectsStub(S service) {
            this.service = service;
        }

        @Override
        public S getService() {
            gets++;
            return service;
        }

        @Override
        public void ungetService(S s) {
        }

        @Override
        public org.osgi.framework.ServiceReference<S> getServiceReference() {
            return null;
        }
    }
}
