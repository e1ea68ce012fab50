package io.jpxe.api.net;

import java.net.InetAddress;
import java.util.List;

import io.jpxe.api.JpxeException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Name resolution as iPXE's {@code net/udp/dns.c} does it: through the DHCP-given servers
 * ({@code ${dns}}), qualifying unqualified names with the search domains ({@code ${domain}}). Used by
 * {@code nslookup} and by URI openers for host names.
 *
 * <p>Thread-safe. Blocking (network round trips with retries): call from a script thread or a
 * blocking executor, never a Netty event loop.
 */
@ProviderType
public interface NameResolver {

    /**
     * The addresses of {@code host}: IPv4, or IPv6 first when an IPv6 DNS server is known
     * ({@code ${dns6}}), as iPXE asks AAAA before A. A literal address is returned as it is, an IPv6
     * literal with its zone id ({@code fe80::1%net0}) scoped to that device's interface.
     *
     * @throws JpxeException {@code EADDRNOTAVAIL} when no server is configured, {@code ENOENT} when the name
     *                       does not exist, {@code ETIMEDOUT} when no server answers
     */
    List<InetAddress> resolve(String host) throws JpxeException;
}
