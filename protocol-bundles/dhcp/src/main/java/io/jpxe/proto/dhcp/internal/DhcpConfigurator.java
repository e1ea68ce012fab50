package io.jpxe.proto.dhcp.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

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
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.net.NetConfigurator;
import io.jpxe.api.net.NetDevice;
import io.jpxe.api.net.VlanManager;
import io.jpxe.api.settings.Settings;
import io.jpxe.api.settings.SettingsBlock;

/**
 * The {@code dhcp} configurator: runs a {@link DhcpSession} on the device, publishes the ACK as
 * {@code netN.dhcp} and a ProxyDHCP offer as {@code proxydhcp}, and applies the address, netmask and
 * default route through the device (which leaves host-owned interfaces alone). A lease naming a VLAN
 * in 43.116 moves the configuration onto that VLAN ({@link DhcpVlan}).
 */
@Component(service = NetConfigurator.class, property = NetConfigurator.NAME_PROPERTY + "=dhcp")
public final class DhcpConfigurator implements NetConfigurator {
    private static final int PROXYDHCP_PRIORITY = 1;
    /** A VLAN's carrier follows its trunk's at once; this only bounds a broken driver. */
    private static final java.time.Duration VLAN_LINK_WAIT = java.time.Duration.ofSeconds(5);

    private final BundleContext context;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, List<ServiceRegistration<SettingsBlock>>> published = new HashMap<>();
    /** Static and mandatory: every image has the settings tree (a dynamic optional reference raced at start-up). */
    private final Settings settings;
    private volatile VlanManager vlans;

    @Activate
    public DhcpConfigurator(BundleContext context, @Reference(name = "settings") Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindVlans(VlanManager value) {
        vlans = value;
    }

    void unbindVlans(VlanManager value) {
        if (vlans == value) {
            vlans = null;
        }
    }

    @Override
    public void configure(NetDevice device, CommandContext command) throws JpxeException {
        DhcpSession session = new DhcpSession(FrameLink.of(device), requests(device.macAddress()), random.nextInt(),
                DhcpSession.Timing.IPXE, System::nanoTime);
        DhcpSession.Lease lease = session.run(command::checkCancelled, ack -> apply(device, ack));
        OptionalInt vlan = DhcpVlan.of(lease.ack());
        if (vlan.isEmpty() && lease.proxyOffer().isPresent()) {
            vlan = DhcpVlan.of(lease.proxyOffer().get());
        }
        if (vlan.isPresent() && !DhcpVlan.isVlanDevice(device.name())) {
            onVlan(device, vlan.getAsInt(), command);
            return;
        }
        publish(device.name(), lease);
    }

    /**
     * Honours a VLAN offered by DHCP (see {@link DhcpVlan}): the untagged lease only said where to go,
     * so it is not published; the VLAN device ({@code net0-42}) is created on the trunk, and its own
     * lease is the one the settings show ({@code ${net0-42/ip}}, {@code ${filename}}).
     */
    private void onVlan(NetDevice trunk, int tag, CommandContext command) throws JpxeException {
        VlanManager manager = vlans;
        if (manager == null) {
            throw new JpxeException(Errno.ENOTSUP, "DHCP offers VLAN " + tag + " but this profile has no VLAN support");
        }
        NetDevice tagged = manager.create(trunk, tag, 0);
        try {
            tagged.open();
            long deadline = System.nanoTime() + VLAN_LINK_WAIT.toNanos();
            while (!tagged.linkUp() && System.nanoTime() < deadline) {
                command.checkCancelled();
                Thread.sleep(10);
            }
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "Could not open " + tagged.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JpxeException(Errno.ECANCELED, "");
        }
        DhcpSession session = new DhcpSession(FrameLink.of(tagged), requests(tagged.macAddress()), random.nextInt(),
                DhcpSession.Timing.IPXE, System::nanoTime);
        publish(tagged.name(), session.run(command::checkCancelled, ack -> apply(tagged, ack)));
        synchronized (this) {
            List<ServiceRegistration<SettingsBlock>> previous = published.remove(trunk.name());
            if (previous != null) {
                previous.forEach(DhcpConfigurator::unregister);
            }
        }
    }

    /** The client identity iPXE presents for {@code mac}, with the user's overrides from the settings. */
    DhcpRequests requests(byte[] mac) {
        return requests(mac, settings);
    }

    /** As above, given the settings tree (may be {@code null}); DHCPv6 and PXEBS present the same client. */
    static DhcpRequests requests(byte[] mac, Settings s) {
        DhcpRequests r = DhcpRequests.defaults(mac, System.getProperty("os.arch", ""));
        if (s != null) {
            Optional<String> vendor = s.fetch("vendor-class");
            if (vendor.isPresent() && !vendor.get().isEmpty()) {
                r = r.withVendorClass(vendor.get());
            }
            Optional<String> user = s.fetch("user-class");
            if (user.isPresent() && !user.get().isEmpty()) {
                r = r.withUserClass(user.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            r = r.withUuid(s.fetchValue("uuid").map(v -> v.raw()).filter(v -> v.length == 16).orElse(null));
        }
        return r;
    }

    private synchronized void publish(String deviceName, DhcpSession.Lease lease) {
        List<ServiceRegistration<SettingsBlock>> previous = published.remove(deviceName);
        if (previous != null) {
            previous.forEach(DhcpConfigurator::unregister);
        }
        List<ServiceRegistration<SettingsBlock>> now = new ArrayList<>();
        now.add(register(new DhcpSettings(deviceName + ".dhcp", lease.ack(), 0)));
        lease.proxyOffer().ifPresent(p -> now.add(register(new DhcpSettings("proxydhcp", p, PROXYDHCP_PRIORITY))));
        published.put(deviceName, now);
    }

    private ServiceRegistration<SettingsBlock> register(DhcpSettings block) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("jpxe.settings.path", block.path());
        return context.registerService(SettingsBlock.class, block, properties);
    }

    /** Applies address/netmask/gateway; an interface the host owns is left as it is. */
    static void apply(NetDevice device, DhcpPacket ack) throws JpxeException {
        try {
            Inet4Address address = (Inet4Address) InetAddress.getByAddress(ack.yiaddr());
            int prefix = prefixLength(ack);
            Inet4Address gateway = null;
            Optional<byte[]> router = ack.options().four(3);
            if (router.isPresent() && !DhcpPacket.isZero(router.get())) {
                gateway = (Inet4Address) InetAddress.getByAddress(router.get());
            }
            device.configureIpv4(address, prefix, gateway);
        } catch (UnknownHostException e) {
            throw new JpxeException(Errno.EINVAL, "DHCP lease has an invalid address", e);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "Could not apply the lease to " + device.name() + ": "
                    + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            // a device that cannot be configured still has its lease in the settings
        }
    }

    /** The prefix length from option 1, else the classful default as iPXE assumes it. */
    static int prefixLength(DhcpPacket ack) {
        Optional<byte[]> mask = ack.options().four(1);
        if (mask.isPresent()) {
            int m = ByteBuffer.wrap(mask.get()).getInt();
            int bits = Integer.bitCount(m);
            if (m == (bits == 0 ? 0 : -1 << (32 - bits))) {
                return bits;
            }
        }
        int first = ack.yiaddr()[0] & 0xFF;
        return first < 128 ? 8 : first < 192 ? 16 : 24;
    }

    @Deactivate
    synchronized void deactivate() {
        published.values().forEach(list -> list.forEach(DhcpConfigurator::unregister));
        published.clear();
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already unregistered with the bundle
        }
    }
}
