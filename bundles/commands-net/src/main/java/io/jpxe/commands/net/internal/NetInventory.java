package io.jpxe.commands.net.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jpxe.api.component.LazyService;
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
    private volatile List<LazyConfigurator> configurators = List.of();

    /**
     * A configurator as bound: its object is taken at the first command that needs it, not at bind
     * time. Taking it at bind time activates it (DHCP's needs the settings tree) in the middle of
     * start-up, where a dependency cycle made SCR hand out nothing and never bind it again: an image
     * then booted with IPv6 only.
     */
    private record LazyConfigurator(String name, Object key, LazyService<NetConfigurator> service) {
        /** The configurator, or {@code null} if it cannot be had now (asked again next time). */
        NetConfigurator get() {
            return service.get();
        }
    }

    public NetInventory() {
    }

    /** A fixed inventory for unit tests, as DS would bind it. */
    static NetInventory of(List<? extends NetDevice> devices,
            List<Map.Entry<Map<String, Object>, NetConfigurator>> configurators) {
        NetInventory inventory = new NetInventory();
        devices.forEach(inventory::addDevice);
        configurators.forEach(c -> inventory.add(
                new LazyConfigurator(name(c.getKey()), c.getValue(), LazyService.given(c.getValue()))));
        return inventory;
    }

    /** The registered devices in registration order; {@link NetDevices#select} puts them in {@code netN} order. */
    List<NetDevice> devices() {
        return devices;
    }

    /** The named configurators that can be had now, sorted by name. */
    List<Configure.Named> configurators() {
        List<Configure.Named> named = new ArrayList<>();
        for (LazyConfigurator c : configurators) {
            NetConfigurator configurator = c.get();
            if (configurator != null) {
                named.add(new Configure.Named(c.name(), configurator));
            }
        }
        return named;
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
    void addConfigurator(ComponentServiceObjects<NetConfigurator> objects, Map<String, Object> properties) {
        add(new LazyConfigurator(name(properties), objects, LazyService.of(objects)));
    }

    synchronized void removeConfigurator(ComponentServiceObjects<NetConfigurator> objects) {
        List<LazyConfigurator> next = new ArrayList<>(configurators);
        next.removeIf(c -> c.key() == objects);
        configurators = List.copyOf(next);
    }

    private synchronized void add(LazyConfigurator configurator) {
        List<LazyConfigurator> next = new ArrayList<>(configurators);
        next.add(configurator);
        next.sort(Comparator.comparing(c -> c.name()));
        configurators = List.copyOf(next);
    }

    private static String name(Map<String, Object> properties) {
        return Objects.toString(properties.get(NetConfigurator.NAME_PROPERTY), "?");
    }
}
