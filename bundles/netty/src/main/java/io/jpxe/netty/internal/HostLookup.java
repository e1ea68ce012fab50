package io.jpxe.netty.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/** How a host name becomes addresses; blocking, so only ever called off the event loops. */
@FunctionalInterface
interface HostLookup {

    List<InetAddress> lookup(String host) throws UnknownHostException;

    /** The JDK's resolver (the host's /etc/hosts and resolv.conf). */
    HostLookup JDK = host -> Arrays.asList(InetAddress.getAllByName(host));
}
