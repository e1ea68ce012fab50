package io.jpxe.proto.dns.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.net.NameResolver;
import io.jpxe.api.net.NetDevice;
import io.jpxe.api.settings.Settings;

/**
 * The {@link NameResolver}: A queries (AAAA first when {@code ${dns6}} names a server) over UDP to the
 * servers in {@code ${dns6}} and {@code ${dns}}, in order, with iPXE's
 * retry timer (0.25 s doubling to 10 s), unqualified names tried with {@code ${domain}} first.
 * Blocking on the caller's thread (plain datagram sockets through the Linux stack). IPv6 literals are
 * answered at once, a zone id naming a jPXE device ({@code fe80::1%net0}) mapped to its interface.
 */
@Component(service = NameResolver.class)
public final class DnsResolver implements NameResolver {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Duration FIRST_TIMEOUT = Duration.ofMillis(250);
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT = 53;

    private final Settings settings;
    private final List<NetDevice> devices = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final int port;
    private final Duration maxTimeout;

    @Activate
    public DnsResolver(@Reference Settings settings) {
        this(settings, PORT, MAX_TIMEOUT);
    }

    DnsResolver(Settings settings, int port, Duration maxTimeout) {
        this.settings = settings;
        this.port = port;
        this.maxTimeout = maxTimeout;
    }

    @Override
    public List<InetAddress> resolve(String host) throws JpxeException {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.indexOf(':') >= 0) {
            return List.of(Ipv6Literal.parse(name, this::interfaceName));
        }
        if (IPV4.matcher(name).matches()) {
            try {
                return List.of(InetAddress.getByName(name));
            } catch (IOException e) {
                throw new JpxeException(Errno.EINVAL, "\"" + host + "\" is not a valid address");
            }
        }
        List<InetAddress> servers = servers();
        if (servers.isEmpty()) {
            throw new JpxeException(Errno.EADDRNOTAVAIL, "No DNS servers to resolve \"" + host + "\"");
        }
        // iPXE asks for AAAA first when it knows an IPv6 server (net/udp/dns.c), then A
        List<Integer> types = servers.stream().anyMatch(s -> s instanceof java.net.Inet6Address)
                ? List.of(DnsMessage.TYPE_AAAA, DnsMessage.TYPE_A) : List.of(DnsMessage.TYPE_A);
        JpxeException last = null;
        for (String candidate : candidates(name, settings.fetch("domain"))) {
            try {
                return query(candidate, servers, types);
            } catch (JpxeException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
                last = e;
            }
        }
        throw new JpxeException(Errno.ENOENT, "Could not resolve \"" + host + "\"", last);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindDevice(NetDevice device) {
        devices.add(device);
    }

    void unbindDevice(NetDevice device) {
        devices.remove(device);
    }

    /** The Linux interface behind iPXE's name ({@code net0}), for zone ids such as {@code fe80::1%net0}. */
    private Optional<String> interfaceName(String device) {
        return devices.stream().filter(d -> d.name().equals(device)).findFirst().map(NetDevice::interfaceName);
    }

    /** The names to try: unqualified names with the search domain first, then as given. */
    static List<String> candidates(String name, Optional<String> domain) {
        List<String> names = new ArrayList<>();
        if (!name.contains(".") && domain.isPresent() && !domain.get().isEmpty()) {
            names.add(name + "." + domain.get());
        }
        names.add(name);
        return names;
    }

    /** The servers in {@code ${dns}}, then the routable ones in {@code ${dns6}}. */
    private List<InetAddress> servers() {
        List<InetAddress> servers = new ArrayList<>();
        settings.fetchValue("dns6").ifPresent(v -> {
            byte[] raw = v.raw();
            for (int i = 0; i + 16 <= raw.length; i += 16) {
                try {
                    InetAddress server = InetAddress.getByAddress(java.util.Arrays.copyOfRange(raw, i, i + 16));
                    if (!server.isLinkLocalAddress()) { // a link-local server would need its interface
                        servers.add(server);
                    }
                } catch (IOException e) {
                    // sixteen bytes always make an address
                }
            }
        });
        settings.fetchValue("dns").ifPresent(v -> {
            byte[] raw = v.raw();
            for (int i = 0; i + 4 <= raw.length; i += 4) {
                try {
                    servers.add(InetAddress.getByAddress(java.util.Arrays.copyOfRange(raw, i, i + 4)));
                } catch (IOException e) {
                    // four bytes always make an address
                }
            }
        });
        return servers;
    }

    /** Asks for each record type in turn; a name without records of one type may have the next. */
    private List<InetAddress> query(String name, List<InetAddress> servers, List<Integer> types) throws JpxeException {
        JpxeException last = null;
        for (int type : types) {
            try {
                return query(name, servers, type);
            } catch (JpxeException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private List<InetAddress> query(String name, List<InetAddress> servers, int type) throws JpxeException {
        int id = random.nextInt(0x10000);
        byte[] query;
        try {
            query = DnsMessage.query(id, name, type);
        } catch (IllegalArgumentException e) {
            throw new JpxeException(Errno.EINVAL, e.getMessage());
        }
        long timeout = FIRST_TIMEOUT.toMillis();
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] buffer = new byte[1500];
            while (timeout <= maxTimeout.toMillis()) {
                for (InetAddress server : servers) {
                    socket.send(new DatagramPacket(query, query.length, new InetSocketAddress(server, port)));
                }
                long deadline = System.nanoTime() + timeout * 1_000_000;
                while (System.nanoTime() < deadline) {
                    socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(reply);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    if (reply.getPort() != port || !servers.contains(reply.getAddress())) {
                        continue;
                    }
                    try {
                        DnsMessage.Answer answer = DnsMessage.decode(
                                ByteBuffer.wrap(buffer, 0, reply.getLength()).slice(), name);
                        if (answer.id() != id) {
                            continue;
                        }
                        if (answer.rcode() == DnsMessage.RCODE_NXDOMAIN || (answer.rcode() == 0
                                && answer.addresses().isEmpty())) {
                            throw new JpxeException(Errno.ENOENT, "\"" + name + "\" has no address");
                        }
                        if (answer.rcode() != 0) {
                            continue; // SERVFAIL, REFUSED...: another server may know
                        }
                        return answer.addresses();
                    } catch (DnsFormatException e) {
                        // a malformed answer is ignored; the query is retried
                    }
                }
                timeout *= 2;
            }
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "DNS query for \"" + name + "\" failed: " + e.getMessage(), e);
        }
        throw new JpxeException(Errno.ETIMEDOUT, "No DNS answer for \"" + name + "\"");
    }
}
