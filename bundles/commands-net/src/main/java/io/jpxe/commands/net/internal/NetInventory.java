package io.jpxe.commands.net.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jpxe.api.net.NetConfigurator;
import io.jpxe.api.net.NetDevice;

/**
 * The network devices and named configurators currently registered, shared by the interface commands.
 * The commands hold this one component through a static reference instead of tracking the services
 * themselves: a NIC appearing or going (start-up, {@code vcreate}, shutdown) or a configurator that
 * registers another one (DHCP's {@code ipv6}) then changes two snapshots here and re-activates no
 * command. Without this, every such change restarted a dozen commands and, at shutdown, re-entered
 * SCR while {@code dhcp} was still registering (its 10 s "reg change" timeout).
 *
 * <p>Thread-safe: SCR binds on its own threads while scripts read; readers get immutable
 * copy-on-write snapshots.
 */
@Component(service = NetInventory.class)
public final class NetInventory {
    private volatile List<NetDevice> devices = List.of();
    /** Sorted by name, the order {@code ifconf} tries them in ({@code dhcp} before {@code ipv6}). */
    private volatile List<Configure.Named> configurators = List.of();

    public NetInventory() {
    }

    /** A fixed inventory for unit tests, as DS would bind it. */
    static NetInventory of(List<? extends NetDevice> devices,
            List<Map.Entry<Map<String, Object>, NetConfigurator>> configurators) {
        NetInventory inventory = new NetInventory();
        devices.forEach(inventory::addDevice);
        configurators.forEach(c -> inventory.addConfigurator(c.getValue(), c.getKey()));
        return inventory;
    }

    /** The registered devices in registration order; {@link NetDevices#select} puts them in {@code netN} order. */
    List<NetDevice> devices() {
        return devices;
    }

    /** The named configurators, sorted by name. */
    List<Configure.Named> configurators() {
        return configurators;
    }

    @Reference(service = NetDevice.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeDevice")
    synchronized void addDevice(NetDevice device) {
        List<NetDevice> next = new ArrayList<>(devices);
        next.add(device);
        devices = List.copyOf(next);
    }

    synchronized void removeDevice(NetDevice device) {
        List<NetDevice> next = new ArrayList<>(devices);
        next.removeIf(d -> d == device);
        devices = List.copyOf(next);
    }

    @Reference(service = NetConfigurator.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeConfigurator")
    synchronized void addConfigurator(NetConfigurator configurator, Map<String, Object> properties) {
        List<Configure.Named> next = new ArrayList<>(configurators);
        next.add(new Configure.Named(Objects.toString(properties.get(NetConfigurator.NAME_PROPERTY), "?"),
                configurator));
        next.sort(Comparator.comparing(Configure.Named::name));
        configurators = List.copyOf(next);
    }

    synchronized void removeConfigurator(NetConfigurator configurator) {
        List<Configure.Named> next = new ArrayList<>(configurators);
        next.removeIf(c -> c.configurator() == configurator);
        configurators = List.copyOf(next);
    }
}
