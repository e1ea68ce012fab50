package io.jpxe.proto.dhcp.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
import io.jpxe.api.settings.Settings;
import io.jpxe.api.settings.SettingsBlock;

/**
 * The {@code ipv6} configurator (iPXE's {@code ipv6conf} in {@code net/ndp.c}): Router Solicitations
 * on iPXE's default retry timer (0.25 s doubling, failing past 10 s) until the first Router
 * Advertisement, published as {@code netN.ndp}; SLAAC itself is the kernel's (the NIC bundle lets it
 * in image mode). When the router sets M, a stateful DHCPv6 exchange leases an address, applied
 * through the device; with only O, an Information-request fetches the other options. The Reply is
 * published as {@code netN.dhcpv6}. Thread-safe; devices are configured independently.
 *
 * <p>An immediate component that registers itself as the {@code ipv6} {@link NetConfigurator} when the
 * bundle starts, unless framework property {@value #IPV6_PROPERTY} is {@code false}: a profile switches
 * IPv6 off in its {@code -runproperties} (or a user with {@code -D}) without a rebuild, and the NIC
 * bundle reads the same property. DS cannot make a service depend on a framework property, hence the
 * registration by hand; doing it here, at bundle start, rather than from {@link DhcpConfigurator}'s
 * lazy activation keeps it from landing in the middle of another component's activation (the
 * {@code dhcp} command's, which then timed out in SCR for 10 s at shutdown).
 */
@Component(service = {}, immediate = true)
public final class Ipv6Configurator implements NetConfigurator {
    /** Framework property: {@code false} switches IPv6 off (no {@code ipv6} configurator). */
    static final String IPV6_PROPERTY = "jpxe.ipv6";
    private static final Duration LINK_LOCAL_WAIT = Duration.ofSeconds(5);
    private static final Duration SLAAC_WAIT = Duration.ofSeconds(3);
    private static final int NO_PREFIX = 128;

    private final BundleContext context;
    private final Path ifInet6 = Inet6Addresses.PROC;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, List<ServiceRegistration<SettingsBlock>>> published = new HashMap<>();
    /** Static and mandatory: every image has the settings tree (a dynamic optional reference raced at start-up). */
    private final Settings settings;
    private ServiceRegistration<NetConfigurator> registration;

    @Activate
    public Ipv6Configurator(BundleContext context, @Reference(name = "settings") Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    @Activate
    synchronized void activate() {
        if (!"false".equalsIgnoreCase(String.valueOf(context.getProperty(IPV6_PROPERTY)).trim())) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(NetConfigurator.NAME_PROPERTY, "ipv6");
            registration = context.registerService(NetConfigurator.class, this, properties);
        }
    }

    @Override
    public void configure(NetDevice device, CommandContext command) throws JpxeException {
        Ndp.RouterAdvertisement ra = solicitRouter(device, command::checkCancelled);
        String ifname = device.interfaceName();
        Map<String, SettingsBlock.Raw> ndp = new LinkedHashMap<>();
        if (ra.routerLifetime() > 0) {
            ndp.put("gateway6", Ipv6Settings.ipv6(ra.router()));
        }
        if (!ra.dnsServers().isEmpty()) {
            ndp.put("dns6", Ipv6Settings.ipv6(ra.dnsServers().get(0)));
        }
        if (!ra.searchList().isEmpty()) {
            ndp.put("dnssl", new SettingsBlock.Raw("dnssl", Dhcpv6Message.encodeDomainList(ra.searchList())));
        }
        Optional<Ndp.Prefix> slaac = ra.prefixes().stream().filter(p -> p.autonomous() && p.length() == 64)
                .findFirst();
        List<ServiceRegistration<SettingsBlock>> blocks = new ArrayList<>();
        blocks.add(register(new Ipv6Settings(device.name() + ".ndp", Ipv6Settings.NDP_PRIORITY, ndp,
                () -> slaacAddress(ifname, slaac), Map.of())));
        try {
            if (ra.managed() || ra.other()) {
                blocks.add(register(dhcpv6(device, ra, command)));
            }
            slaac.ifPresent(p -> awaitSlaac(ifname, p));
        } finally {
            replace(device.name(), blocks);
        }
    }

    /** Sends Router Solicitations until the first Router Advertisement arrives. */
    private Ndp.RouterAdvertisement solicitRouter(NetDevice device, DhcpSession.Cancellation cancellation)
            throws JpxeException {
        BlockingQueue<Ndp.RouterAdvertisement> advertisements = new LinkedBlockingQueue<>(8);
        try (AutoCloseable subscription = device.receiveFrames(Ndp.ETHERTYPE_IPV6, frame -> {
            Ndp.RouterAdvertisement ra = Ndp.parseRouterAdvertisement(frame);
            if (ra != null) {
                advertisements.offer(ra);
            }
        })) {
            RetryTimer timer = new RetryTimer(Duration.ZERO, Duration.ofSeconds(10), System.nanoTime());
            device.sendFrame(Ndp.routerSolicitation(device.macAddress()));
            while (true) {
                long wait = Math.min(timer.remaining(System.nanoTime()), TimeUnit.MILLISECONDS.toNanos(100));
                Ndp.RouterAdvertisement ra = advertisements.poll(wait, TimeUnit.NANOSECONDS);
                cancellation.check();
                if (ra != null) {
                    return ra;
                }
                long now = System.nanoTime();
                if (timer.remaining(now) == 0) {
                    if (timer.expire(now)) {
                        throw new JpxeException(Errno.ETIMEDOUT, "");
                    }
                    device.sendFrame(Ndp.routerSolicitation(device.macAddress()));
                }
            }
        } catch (JpxeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JpxeException(Errno.ECANCELED, "");
        } catch (Exception e) {
            throw new JpxeException(Errno.EIO, "IPv6 router discovery on " + device.name() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private Ipv6Settings dhcpv6(NetDevice device, Ndp.RouterAdvertisement ra, CommandContext command)
            throws JpxeException {
        // the DHCPv4 identity, so both protocols present the same client
        Dhcpv6Requests requests = Dhcpv6Requests.of(DhcpConfigurator.requests(device.macAddress(), settings));
        Dhcpv6Message reply;
        try (Dhcpv6Socket socket = Dhcpv6Socket.open(device.interfaceName(), ifInet6, LINK_LOCAL_WAIT,
                command::checkCancelled)) {
            reply = new Dhcpv6Session(socket, requests, random.nextInt(), Dhcpv6Session.Timing.IPXE, System::nanoTime)
                    .run(ra.managed(), command::checkCancelled);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "DHCPv6 on " + device.name() + " failed: " + e.getMessage(), e);
        }
        Map<String, SettingsBlock.Raw> named = new LinkedHashMap<>();
        Map<Integer, byte[]> numbered = new LinkedHashMap<>();
        for (Dhcpv6Message.Option o : reply.options()) {
            numbered.putIfAbsent(o.code(), o.value());
        }
        List<Dhcpv6Message.IaAddress> addresses = reply.iaAddresses();
        if (ra.managed() && !addresses.isEmpty()) {
            byte[] address = addresses.get(0).address();
            int prefix = ra.prefixes().stream()
                    .filter(p -> p.onLink() && Inet6Addresses.inPrefix(address, p.prefix(), p.length()))
                    .mapToInt(Ndp.Prefix::length).findFirst().orElse(NO_PREFIX);
            named.put("ip6", Ipv6Settings.ipv6(address));
            named.put("len6", Ipv6Settings.int8(prefix));
            apply(device, address, prefix);
        }
        if (ra.routerLifetime() > 0) {
            named.put("gateway6", Ipv6Settings.ipv6(ra.router()));
        }
        reply.option(Dhcpv6Message.OPTION_DNS_SERVERS).map(Dhcpv6Message::addresses).filter(l -> !l.isEmpty())
                .ifPresent(l -> named.put("dns6", Ipv6Settings.ipv6(l.get(0))));
        reply.option(Dhcpv6Message.OPTION_DOMAIN_LIST)
                .ifPresent(v -> named.put("dnssl", new SettingsBlock.Raw("dnssl", v)));
        reply.option(Dhcpv6Message.OPTION_BOOTFILE_URL)
                .ifPresent(v -> named.put("filename", new SettingsBlock.Raw("string", v)));
        return new Ipv6Settings(device.name() + ".dhcpv6", Ipv6Settings.DHCPV6_PRIORITY, named, Map::of, numbered);
    }

    private static void apply(NetDevice device, byte[] address, int prefix) throws JpxeException {
        try {
            device.configureIpv6((Inet6Address) InetAddress.getByAddress(address), prefix);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "Could not apply the DHCPv6 lease to " + device.name() + ": "
                    + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            // a device that cannot be configured still has its lease in the settings
        }
    }

    /** The kernel's SLAAC address in {@code prefix}, read live, as {@code ip6}/{@code len6}. */
    private Map<String, SettingsBlock.Raw> slaacAddress(String ifname, Optional<Ndp.Prefix> prefix) {
        if (prefix.isEmpty()) {
            return Map.of();
        }
        return Inet6Addresses.of(ifInet6, ifname).stream()
                .filter(e -> !e.linkLocal() && e.autoconfigured() && Inet6Addresses.inPrefix(e.address(), prefix.get().prefix(),
                        prefix.get().length()))
                .findFirst()
                .map(e -> Map.of("ip6", Ipv6Settings.ipv6(e.address()), "len6", Ipv6Settings.int8(prefix.get().length())))
                .orElse(Map.of());
    }

    /** Waits (briefly, never failing) for the kernel's SLAAC address to finish duplicate address detection. */
    private void awaitSlaac(String ifname, Ndp.Prefix prefix) {
        long deadline = System.nanoTime() + SLAAC_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean ready = Inet6Addresses.of(ifInet6, ifname).stream().anyMatch(e -> !e.linkLocal() && e.usable()
                    && e.autoconfigured()
                    && Inet6Addresses.inPrefix(e.address(), prefix.prefix(), prefix.length()));
            if (ready) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private ServiceRegistration<SettingsBlock> register(Ipv6Settings block) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("jpxe.settings.path", block.path());
        return context.registerService(SettingsBlock.class, block, properties);
    }

    /** A new configuration replaces the blocks of the previous one on the same device. */
    private synchronized void replace(String device, List<ServiceRegistration<SettingsBlock>> blocks) {
        List<ServiceRegistration<SettingsBlock>> previous = published.put(device, blocks);
        if (previous != null) {
            previous.forEach(Ipv6Configurator::unregister);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (registration != null) {
            unregister(registration);
            registration = null;
        }
        published.values().forEach(list -> list.forEach(Ipv6Configurator::unregister));
        published.clear();
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
    }
}
