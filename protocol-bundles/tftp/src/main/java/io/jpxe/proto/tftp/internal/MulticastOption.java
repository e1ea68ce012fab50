package io.jpxe.proto.tftp.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The value of RFC 2090's {@code multicast} option in an OACK: {@code addr,port,mc}. The address
 * and port name the group the server sends to (both empty in a later OACK that only changes the
 * client's role); {@code mc} is 1 for the master client, which acknowledges, and 0 for the others.
 *
 * @param group  the group to join, or {@code null} when the OACK leaves it unchanged
 * @param master whether this client must send ACKs
 */
record MulticastOption(InetSocketAddress group, boolean master) {

    static final String NAME = "multicast";

    /**
     * @throws TftpOptions.Rejected if the value is not {@code addr,port,mc} with an IPv4 multicast
     *         address, a port in 1..65535 and mc 0 or 1
     */
    static MulticastOption parse(String value) throws TftpOptions.Rejected {
        String[] fields = value.split(",", -1);
        if (fields.length != 3) {
            throw new TftpOptions.Rejected("multicast \"" + value + "\" is not addr,port,mc (RFC 2090)");
        }
        boolean master = switch (fields[2].strip()) {
            case "1" -> true;
            case "0" -> false;
            default -> throw new TftpOptions.Rejected("multicast mc \"" + fields[2] + "\" is neither 0 nor 1");
        };
        String address = fields[0].strip();
        String port = fields[1].strip();
        if (address.isEmpty() || port.isEmpty()) {
            return new MulticastOption(null, master);
        }
        return new MulticastOption(new InetSocketAddress(group(address), port(port)), master);
    }

    private static InetAddress group(String text) throws TftpOptions.Rejected {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new TftpOptions.Rejected("multicast address \"" + text + "\" is not an IPv4 address");
        }
        try {
            InetAddress address = InetAddress.getByName(text); // a literal: no lookup
            if (!(address instanceof Inet4Address) || !address.isMulticastAddress()) {
                throw new TftpOptions.Rejected("multicast address " + text + " is not in 224.0.0.0/4");
            }
            return address;
        } catch (UnknownHostException e) {
            throw new TftpOptions.Rejected("multicast address \"" + text + "\" is not an IPv4 address");
        }
    }

    private static int port(String text) throws TftpOptions.Rejected {
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new TftpOptions.Rejected("multicast port \"" + text + "\" is outside 1..65535");
        }
        return Integer.parseInt(text);
    }
}
