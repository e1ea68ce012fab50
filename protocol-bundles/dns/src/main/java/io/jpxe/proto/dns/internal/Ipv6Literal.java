package io.jpxe.proto.dns.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * An IPv6 literal as iPXE accepts it in a URI host ({@code core/uri.c}, {@code net/ipv6.c}): the
 * address, optionally followed by a zone id written {@code %net0} or URI-escaped {@code %25net0}
 * (RFC 6874). The zone names a jPXE device, mapped to its Linux interface; a Linux interface name or
 * index is accepted too. Stateless.
 */
final class Ipv6Literal {
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]+");

    private Ipv6Literal() {
    }

    /**
     * @param deviceInterface the Linux interface of a jPXE device name, if there is such a device
     * @throws JpxeException {@code EINVAL} for a malformed address, {@code ENODEV} for an unknown zone
     */
    static InetAddress parse(String text, Function<String, Optional<String>> deviceInterface) throws JpxeException {
        String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int percent = host.indexOf('%');
        String address = percent < 0 ? host : host.substring(0, percent);
        String zone = percent < 0 ? "" : host.substring(percent + 1);
        if (zone.startsWith("25") && zone.length() > 2) {
            zone = zone.substring(2); // %25 is the escaped % of RFC 6874
        }
        if (!ADDRESS.matcher(address).matches()) {
            throw new JpxeException(Errno.EINVAL, "\"" + text + "\" is not a valid IPv6 address");
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName(address); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new JpxeException(Errno.EINVAL, "\"" + text + "\" is not a valid IPv6 address");
        }
        if (!(parsed instanceof Inet6Address)) {
            throw new JpxeException(Errno.EINVAL, "\"" + text + "\" is not an IPv6 address");
        }
        if (zone.isEmpty()) {
            return parsed;
        }
        try {
            String ifname = deviceInterface.apply(zone).orElse(zone);
            NetworkInterface nif = zone.matches("\\d+") ? NetworkInterface.getByIndex(Integer.parseInt(zone))
                    : NetworkInterface.getByName(ifname);
            if (nif == null) {
                throw new JpxeException(Errno.ENODEV, "\"" + text + "\": no network device " + zone);
            }
            // the numeric scope: Java derives an interface scope only from a link-local address it already has
            return Inet6Address.getByAddress(null, parsed.getAddress(), nif.getIndex());
        } catch (SocketException | UnknownHostException | NumberFormatException e) {
            throw new JpxeException(Errno.ENODEV, "\"" + text + "\": no network device " + zone, e);
        }
    }
}
