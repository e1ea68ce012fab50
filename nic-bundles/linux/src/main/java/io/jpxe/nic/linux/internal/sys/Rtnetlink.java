package io.jpxe.nic.linux.internal.sys;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interface configuration over rtnetlink: link up/down, IPv4 and IPv6 addresses, default route, VLANs.
 * Each call opens its own netlink socket and blocks until the kernel acknowledges. Thread-safe.
 */
public final class Rtnetlink {
    private final Libc libc;
    private final AtomicInteger sequence = new AtomicInteger(1);

    public Rtnetlink(Libc libc) {
        this.libc = libc;
    }

    public void setLinkUp(int ifindex, boolean up) throws IOException {
        run("link " + (up ? "up" : "down"), RtnetlinkMessages.linkUp(sequence.getAndIncrement(), ifindex, up));
    }

    public void addAddress(int ifindex, byte[] address, int prefix) throws IOException {
        run("add address", RtnetlinkMessages.address(sequence.getAndIncrement(), true, ifindex, address, prefix));
    }

    public void deleteAddress(int ifindex, byte[] address, int prefix) throws IOException {
        run("delete address", RtnetlinkMessages.address(sequence.getAndIncrement(), false, ifindex, address, prefix));
    }

    public void addAddress6(int ifindex, byte[] address, int prefix) throws IOException {
        run("add IPv6 address", RtnetlinkMessages.address6(sequence.getAndIncrement(), ifindex, address, prefix));
    }

    public void replaceDefaultRoute(int ifindex, byte[] gateway) throws IOException {
        run("add default route", RtnetlinkMessages.defaultRoute(sequence.getAndIncrement(), ifindex, gateway));
    }

    public void createVlan(String name, int parentIndex, int vlanId) throws IOException {
        run("create VLAN " + name, RtnetlinkMessages.newVlan(sequence.getAndIncrement(), name, parentIndex, vlanId));
    }

    public void deleteLink(int ifindex) throws IOException {
        run("delete link", RtnetlinkMessages.deleteLink(sequence.getAndIncrement(), ifindex));
    }

    private void run(String what, byte[] message) throws IOException {
        try (NetlinkSocket socket = new NetlinkSocket(libc)) {
            socket.request(what, message);
        }
    }
}
