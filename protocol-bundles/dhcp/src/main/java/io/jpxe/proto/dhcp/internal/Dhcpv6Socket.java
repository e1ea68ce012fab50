package io.jpxe.proto.dhcp.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * DHCPv6 over the Linux stack: a UDP socket bound to the interface's link-local address port 546,
 * sending to All_DHCP_Relay_Agents_and_Servers (ff02::1:2) port 547 on that interface (RFC 8415
 * §7.1). Unlike DHCPv4 nothing needs raw frames: the link-local address exists before any lease.
 * Blocking; one session uses it at a time.
 */
final class Dhcpv6Socket implements Dhcpv6Session.Link, AutoCloseable {
    static final int CLIENT_PORT = 546;
    static final int SERVER_PORT = 547;
    private static final byte[] ALL_SERVERS = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2};
    private static final long POLL_MILLIS = 50;

    private final DatagramSocket socket;
    private final InetSocketAddress servers;
    private final byte[] buffer = new byte[65536];

    private Dhcpv6Socket(DatagramSocket socket, InetSocketAddress servers) {
        this.socket = socket;
        this.servers = servers;
    }

    /**
     * Opens the socket once the link-local address of {@code ifname} has passed duplicate address
     * detection, waiting up to {@code wait}.
     *
     * @throws JpxeException {@code EADDRNOTAVAIL} when no usable link-local address appears in time
     */
    static Dhcpv6Socket open(String ifname, Path ifInet6, Duration wait, DhcpSession.Cancellation cancellation)
            throws JpxeException, IOException {
        NetworkInterface nif = NetworkInterface.getByName(ifname);
        if (nif == null) {
            throw new JpxeException(Errno.ENODEV, "DHCPv6: interface " + ifname + " is gone");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Inet6Addresses.Entry> linkLocal = Inet6Addresses.of(ifInet6, ifname).stream()
                    .filter(e -> e.linkLocal() && e.usable()).findFirst();
            if (linkLocal.isPresent()) {
                Inet6Address local = Inet6Address.getByAddress(null, linkLocal.get().address(), nif.getIndex());
                DatagramSocket socket = new DatagramSocket(null);
                try {
                    socket.setReuseAddress(true);
                    socket.bind(new InetSocketAddress(local, CLIENT_PORT));
                    return new Dhcpv6Socket(socket,
                            new InetSocketAddress(Inet6Address.getByAddress(null, ALL_SERVERS, nif.getIndex()), SERVER_PORT));
                } catch (BindException e) {
                    socket.close(); // the address went away or became tentative again: try once more
                } catch (IOException | RuntimeException e) {
                    socket.close();
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new JpxeException(Errno.EADDRNOTAVAIL, "DHCPv6: " + ifname
                        + " has no usable IPv6 link-local address");
            }
            cancellation.check();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JpxeException(Errno.ECANCELED, "");
            }
        }
    }

    @Override
    public void send(byte[] message) throws IOException {
        socket.send(new DatagramPacket(message, message.length, servers));
    }

    @Override
    public ByteBuffer receive(long nanos) throws IOException {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (packet.getPort() == SERVER_PORT) {
                return ByteBuffer.wrap(Arrays.copyOf(buffer, packet.getLength())).asReadOnlyBuffer();
            }
            if (System.nanoTime() >= deadline) {
                return null;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
