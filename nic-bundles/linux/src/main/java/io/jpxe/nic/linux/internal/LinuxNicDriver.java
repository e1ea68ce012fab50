package io.jpxe.nic.linux.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.net.NetDevice;
import io.jpxe.api.net.VlanManager;
import io.jpxe.api.settings.SettingsBlock;
import io.jpxe.nic.linux.internal.sys.Libc;
import io.jpxe.nic.linux.internal.sys.Rtnetlink;

/**
 * Attaches Linux interfaces as {@code net0}, {@code net1}...: those named by the framework property
 * {@value #NETDEV_PROPERTY} (comma-separated, in that order), else every Ethernet interface in
 * kernel index order. Registers a {@link NetDevice} and its {@code netN} {@link SettingsBlock} for
 * each. Interfaces with a host address are never reconfigured unless {@value #RECONFIGURE_PROPERTY}
 * is {@code true}. IPv6 follows {@link Ipv6Policy}: framework property {@code jpxe.ipv6=false} turns it
 * off (in image mode on the interfaces themselves).
 */
@Component(immediate = true, service = VlanManager.class)
public final class LinuxNicDriver implements VlanManager {
    /** Framework property naming the interfaces to attach ({@code -D jpxe.netdev=veth0,eth1}). */
    public static final String NETDEV_PROPERTY = "jpxe.netdev";
    /** Framework property allowing DHCP to reconfigure interfaces that had an address. */
    public static final String RECONFIGURE_PROPERTY = "jpxe.netdev.reconfigure";
    private static final Path CLASS_NET = Path.of("/sys/class/net");
    /** rtnetlink's answer to a link kind the kernel does not have. */
    private static final int EOPNOTSUPP = 95;

    private final Map<LinuxNetDevice, List<ServiceRegistration<?>>> devices = new LinkedHashMap<>();
    private final BundleContext context;
    private final Libc libc;
    private final Rtnetlink rtnetlink;
    private final Ipv6Policy ipv6;

    @Activate
    public LinuxNicDriver(BundleContext context) {
        this.context = context;
        this.libc = new Libc();
        this.rtnetlink = new Rtnetlink(libc);
        boolean imageMode = "image".equals(context.getProperty("jpxe.mode")) || ProcessHandle.current().pid() == 1;
        // in image mode jPXE owns the machine: drivers are loaded here and every interface is ours to configure
        boolean reconfigure = imageMode || Boolean.parseBoolean(context.getProperty(RECONFIGURE_PROPERTY));
        this.ipv6 = Ipv6Policy.of(context.getProperty(Ipv6Policy.PROPERTY), imageMode);
        if (imageMode) {
            loadDrivers(libc);
        }
        for (SysfsInterface sysfs : select(CLASS_NET, context.getProperty(NETDEV_PROPERTY))) {
            attach(new LinuxNetDevice("net" + devices.size(), sysfs, CLASS_NET, libc, rtnetlink, reconfigure, 0,
                    ipv6));
        }
    }

    private synchronized void attach(LinuxNetDevice device) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(NetDevice.NAME_PROPERTY, device.name());
        properties.put("jpxe.netdev.ifname", device.interfaceName());
        List<ServiceRegistration<?>> registrations = new ArrayList<>();
        registrations.add(context.registerService(NetDevice.class, device, properties));
        registrations.add(context.registerService(SettingsBlock.class, new NetDeviceSettings(device), properties));
        if (ipv6.enabled()) {
            registrations.add(context.registerService(SettingsBlock.class,
                    new LinkLocalSettings(device.name(), device.interfaceName()), properties));
        }
        devices.put(device, registrations);
    }

    @Override
    public NetDevice create(NetDevice trunk, int tag, int priority) throws JpxeException {
        if (tag < 1 || tag > 4094) {
            throw new JpxeException(Errno.EINVAL, "VLAN tag " + tag + " is not in 1-4094");
        }
        if (priority < 0 || priority > 7) {
            throw new JpxeException(Errno.EINVAL, "VLAN priority " + priority + " is not in 0-7");
        }
        if (!(trunk instanceof LinuxNetDevice linuxTrunk) || !isAttached(linuxTrunk)) {
            throw new JpxeException(Errno.ENOTSUP, trunk.name() + " is not a Linux interface of this driver");
        }
        String name = trunk.name() + "-" + tag;
        String ifname = vlanInterfaceName(trunk.interfaceName(), tag);
        try {
            trunk.open(); // a VLAN carries nothing while its trunk is down
            rtnetlink.createVlan(ifname, libc.interfaceIndex(trunk.interfaceName()), tag);
        } catch (Libc.ErrnoException e) {
            if (e.errno() == EOPNOTSUPP) {
                throw new JpxeException(Errno.ENOTSUP, "Could not create VLAN " + name
                        + ": this kernel has no 802.1Q VLAN support (8021q)", e);
            }
            throw new JpxeException(e.errno() == Libc.EEXIST ? Errno.EEXIST : Errno.EIO,
                    "Could not create VLAN " + name + " (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "Could not create VLAN " + name + " (" + e.getMessage() + ")", e);
        }
        SysfsInterface sysfs = SysfsInterface.read(CLASS_NET, ifname)
                .orElseThrow(() -> new JpxeException(Errno.EIO, "VLAN " + ifname + " did not appear in sysfs"));
        LinuxNetDevice device = new LinuxNetDevice(name, sysfs, CLASS_NET, libc, rtnetlink, true, tag, ipv6);
        attach(device);
        return device;
    }

    @Override
    public void destroy(NetDevice device) throws JpxeException {
        if (!(device instanceof LinuxNetDevice vlan) || vlan.vlanTag() == 0 || !isAttached(vlan)) {
            throw new JpxeException(Errno.ENOTTY, device.name() + " is not a VLAN device");
        }
        List<ServiceRegistration<?>> registrations;
        synchronized (this) {
            registrations = devices.remove(vlan);
        }
        registrations.forEach(LinuxNicDriver::unregister);
        try {
            vlan.close();
            rtnetlink.deleteLink(libc.interfaceIndex(vlan.interfaceName()));
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "Could not destroy " + vlan.name() + " (" + e.getMessage() + ")", e);
        }
    }

    private synchronized boolean isAttached(LinuxNetDevice device) {
        return devices.containsKey(device);
    }

    /** {@code eth0.42}, shortened to the kernel's 15 characters when the trunk's name is long. */
    static String vlanInterfaceName(String trunk, int tag) {
        String suffix = "." + tag;
        return (trunk.length() + suffix.length() <= 15 ? trunk : trunk.substring(0, 15 - suffix.length())) + suffix;
    }

    private static void loadDrivers(Libc libc) {
        String release = readQuietly(Path.of("/proc/sys/kernel/osrelease"));
        Path pci = Path.of("/sys/bus/pci/devices");
        Path virtio = Path.of("/sys/bus/virtio/devices");
        ModuleLoader loader = new ModuleLoader(pci, virtio, Path.of("/lib/modules", release), libc,
                message -> System.err.println("net: " + message));
        if (!loader.loadNetworkDrivers().isEmpty()) {
            // interfaces appear asynchronously once a driver probes its device
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
            while ((!ModuleLoader.unboundNetworkControllers(pci).isEmpty()
                    || !ModuleLoader.unboundVirtioNetworkDevices(virtio).isEmpty()) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return java.nio.file.Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** The interfaces to attach: the named ones that exist, else every Ethernet one. */
    static List<SysfsInterface> select(Path classNet, String names) {
        if (names != null && !names.isBlank()) {
            return Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty())
                    .flatMap(n -> SysfsInterface.read(classNet, n).stream()).toList();
        }
        return SysfsInterface.list(classNet).stream()
                .filter(s -> s.type() == SysfsInterface.ARPHRD_ETHER && s.mac().length == 6)
                .toList();
    }

    @Deactivate
    void deactivate() {
        List<LinuxNetDevice> attached;
        synchronized (this) {
            attached = new ArrayList<>(devices.keySet());
            devices.values().forEach(list -> list.forEach(LinuxNicDriver::unregister));
            devices.clear();
        }
        for (LinuxNetDevice device : attached) {
            try {
                device.close();
                if (device.vlanTag() != 0) {
                    rtnetlink.deleteLink(libc.interfaceIndex(device.interfaceName()));
                }
            } catch (IOException e) {
                // the interface may have vanished; nothing left to undo
            }
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
