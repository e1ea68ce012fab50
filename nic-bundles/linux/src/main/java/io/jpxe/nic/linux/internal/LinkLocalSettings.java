package io.jpxe.nic.linux.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.SettingsBlock;

/**
 * iPXE's {@code netN.link} block ({@code net/ipv6.c}): the interface's IPv6 link-local address as
 * {@code ip6} with {@code len6} 64, read live from the kernel. Ranked below DHCPv6 and SLAAC blocks
 * (iPXE's order −3), so {@code ${net0/ip6}} prefers a routable address. Thread-safe.
 */
final class LinkLocalSettings implements SettingsBlock {
    /** Below net0.dhcpv6 (−1) and net0.ndp (−2), as iPXE orders its IPv6 blocks. */
    static final int PRIORITY = -3;
    private static final int LINK_LOCAL_PREFIX = 64;

    private final String device;
    private final String ifname;

    LinkLocalSettings(String device, String ifname) {
        this.device = device;
        this.ifname = ifname;
    }

    @Override
    public String path() {
        return device + ".link";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean scopedOnly() {
        return true; // an IPv6 block answers IPv6 names only, never DHCP tags
    }

    @Override
    public Optional<Raw> fetch(String name, long tag) {
        // The name first: asking the kernel reads /proc, and lookups of other names pass here too.
        return switch (name == null ? "" : name) {
            case "ip6" -> linkLocal(ifname).map(a -> new Raw("ipv6", a.getAddress()));
            case "len6" -> linkLocal(ifname).map(a -> new Raw("int8", new byte[] {LINK_LOCAL_PREFIX}));
            default -> Optional.empty();
        };
    }

    @Override
    public List<SettingValue> list() {
        List<SettingValue> values = new ArrayList<>();
        linkLocal(ifname).ifPresent(a -> {
            values.add(new SettingValue(path(), "ip6", 0, "ipv6", a.getAddress(),
                    a.getHostAddress().replaceFirst("%.*", "")));
            values.add(new SettingValue(path(), "len6", 0, "int8", new byte[] {LINK_LOCAL_PREFIX},
                    Integer.toString(LINK_LOCAL_PREFIX)));
        });
        return values;
    }

    /** The first link-local IPv6 address of {@code ifname}, if the kernel has one. */
    static Optional<Inet6Address> linkLocal(String ifname) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(ifname);
            if (nif == null) {
                return Optional.empty();
            }
            for (InetAddress a : java.util.Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet6Address v6 && v6.isLinkLocalAddress()) {
                    return Optional.of(v6);
                }
            }
        } catch (SocketException e) {
            // the interface vanished: no address
        }
        return Optional.empty();
    }
}
