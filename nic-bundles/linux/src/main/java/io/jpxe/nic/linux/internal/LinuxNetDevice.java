package io.jpxe.nic.linux.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.jpxe.api.net.NetDevice;
import io.jpxe.nic.linux.internal.sys.Libc;
import io.jpxe.nic.linux.internal.sys.PacketSocket;
import io.jpxe.nic.linux.internal.sys.Rtnetlink;

/**
 * A Linux interface as a {@link NetDevice}: frames go out through a send-only {@code AF_PACKET}
 * socket while the device is open; each {@link #receiveFrames} subscription gets its own socket bound
 * to its EtherType and a dedicated receive thread, so an interface carrying a download through the
 * Linux stack costs nothing when nobody listens. Configuration goes over rtnetlink. Thread-safe.
 */
final class LinuxNetDevice implements NetDevice {
    private static final int RECEIVE_BUFFER = 65536;
    private static final long RECEIVE_POLL_MILLIS = 200;
    /** Binding to protocol 0 receives nothing: the socket only sends. */
    private static final int SEND_ONLY = 0;

    private final String name;
    private final SysfsInterface sysfs;
    private final Path classNet;
    private final Libc libc;
    private final Rtnetlink rtnetlink;
    private final boolean hostOwned;
    private final boolean reconfigure;
    private final int vlanTag;
    private final Ipv6Policy ipv6;
    private final List<Receiver> receivers = new CopyOnWriteArrayList<>();
    private PacketSocket sender;
    private boolean broughtUp;
    private byte[] configuredAddress;
    private int configuredPrefix;

    LinuxNetDevice(String name, SysfsInterface sysfs, Path classNet, Libc libc, Rtnetlink rtnetlink,
            boolean reconfigure) {
        this(name, sysfs, classNet, libc, rtnetlink, reconfigure, 0,
                new Ipv6Policy(true, false, Path.of("/proc/sys/net/ipv6/conf")));
    }

    LinuxNetDevice(String name, SysfsInterface sysfs, Path classNet, Libc libc, Rtnetlink rtnetlink,
            boolean reconfigure, int vlanTag, Ipv6Policy ipv6) {
        this.vlanTag = vlanTag;
        this.ipv6 = ipv6;
        this.name = name;
        this.sysfs = sysfs;
        this.classNet = classNet;
        this.libc = libc;
        this.rtnetlink = rtnetlink;
        this.reconfigure = reconfigure;
        this.hostOwned = hasIpv4Address();
    }

    /** One subscription: its socket and the thread reading it. */
    private final class Receiver implements AutoCloseable {
        private final PacketSocket socket;
        private final Thread thread;
        private volatile boolean closed;

        Receiver(int etherType, Consumer<ByteBuffer> consumer) throws IOException {
            socket = new PacketSocket(libc, libc.interfaceIndex(sysfs.name()), etherType, RECEIVE_BUFFER,
                    RECEIVE_POLL_MILLIS);
            thread = Thread.ofPlatform().daemon().name(String.format("jpxe-rx-%s-%04x", name, etherType))
                    .start(() -> loop(consumer));
        }

        private void loop(Consumer<ByteBuffer> consumer) {
            try {
                while (!closed) {
                    ByteBuffer frame = socket.receive();
                    if (frame != null && frame.remaining() >= 14 && !closed) {
                        try {
                            consumer.accept(frame);
                        } catch (RuntimeException e) {
                            // a faulty consumer must not end reception
                        }
                    }
                }
            } catch (IOException e) {
                // the interface vanished: nothing more to receive
            } finally {
                // only this thread touches the descriptor, so it cannot be reused under a blocked recv
                socket.free();
            }
        }

        /**
         * Stops delivery at once; the thread notices within one receive timeout and releases the
         * socket itself, so closing never waits.
         */
        @Override
        public void close() {
            closed = true;
            receivers.remove(this);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String interfaceName() {
        return sysfs.name();
    }

    /** The 802.1Q tag of a VLAN device made by {@code vcreate}, 0 for a physical interface. */
    int vlanTag() {
        return vlanTag;
    }

    SysfsInterface sysfs() {
        return sysfs;
    }

    @Override
    public byte[] macAddress() {
        return sysfs.mac().clone();
    }

    @Override
    public int mtu() {
        return SysfsInterface.mtu(classNet, sysfs.name());
    }

    @Override
    public boolean linkUp() {
        return SysfsInterface.carrier(classNet, sysfs.name());
    }

    @Override
    public synchronized boolean isOpen() {
        return sender != null;
    }

    @Override
    public Optional<String> busLocation() {
        return sysfs.busLocation().isEmpty() ? Optional.empty()
                : Optional.of(sysfs.busType().toLowerCase() + ":" + sysfs.busLocation());
    }

    @Override
    public Optional<String> chip() {
        return sysfs.driver().isEmpty() ? Optional.empty() : Optional.of(sysfs.driver());
    }

    @Override
    public synchronized void open() throws IOException {
        if (sender != null) {
            return;
        }
        int index = libc.interfaceIndex(sysfs.name());
        // before the link goes up, so the kernel's first router solicitation already counts
        try {
            ipv6.prepare(sysfs.name());
        } catch (IOException e) {
            // IPv6 settings are not worth losing IPv4 over: the device opens, IPv6 may stay unconfigured
            System.err.println("net: " + name + ": " + e.getMessage());
        }
        if (!SysfsInterface.administrativelyUp(classNet, sysfs.name())) {
            rtnetlink.setLinkUp(index, true);
            broughtUp = true;
        }
        sender = new PacketSocket(libc, index, SEND_ONLY, 64, RECEIVE_POLL_MILLIS);
    }

    @Override
    public void close() throws IOException {
        PacketSocket closing;
        boolean takeDown;
        synchronized (this) {
            if (sender == null) {
                return;
            }
            closing = sender;
            takeDown = broughtUp && !hostOwned;
            sender = null;
            broughtUp = false;
        }
        receivers.forEach(Receiver::close);
        closing.free();
        if (takeDown) {
            rtnetlink.setLinkUp(libc.interfaceIndex(sysfs.name()), false);
        }
    }

    @Override
    public void sendFrame(ByteBuffer frame) throws IOException {
        PacketSocket current;
        synchronized (this) {
            current = sender;
        }
        if (current == null) {
            throw new IOException(name + " is not open");
        }
        current.send(frame);
    }

    @Override
    public AutoCloseable receiveFrames(int etherType, Consumer<ByteBuffer> consumer) throws IOException {
        if (!isOpen()) {
            throw new IOException(name + " is not open");
        }
        Receiver receiver = new Receiver(etherType & 0xFFFF, consumer);
        receivers.add(receiver);
        return receiver;
    }

    @Override
    public boolean hasIpv4Address() {
        try {
            NetworkInterface nif = NetworkInterface.getByName(sysfs.name());
            return nif != null && nif.inetAddresses().anyMatch(a -> a instanceof Inet4Address);
        } catch (SocketException e) {
            return false;
        }
    }

    @Override
    public synchronized boolean configureIpv4(Inet4Address address, int prefixLength, Inet4Address gateway)
            throws IOException {
        if (hostOwned && !reconfigure) {
            return false;
        }
        int index = libc.interfaceIndex(sysfs.name());
        byte[] raw = address.getAddress();
        if (configuredAddress != null && !java.util.Arrays.equals(configuredAddress, raw)) {
            try {
                rtnetlink.deleteAddress(index, configuredAddress, configuredPrefix);
            } catch (IOException e) {
                // already gone (removed by someone else): the new address is what matters
            }
        }
        rtnetlink.addAddress(index, raw, prefixLength);
        configuredAddress = raw;
        configuredPrefix = prefixLength;
        if (gateway != null) {
            rtnetlink.replaceDefaultRoute(index, gateway.getAddress());
        }
        return true;
    }

    @Override
    public boolean configureIpv6(Inet6Address address, int prefixLength) throws IOException {
        if (hostOwned && !reconfigure) {
            return false;
        }
        if (!ipv6.enabled()) {
            throw new IOException(name + ": IPv6 is switched off (" + Ipv6Policy.PROPERTY + "=false)");
        }
        rtnetlink.addAddress6(libc.interfaceIndex(sysfs.name()), address.getAddress(), prefixLength);
        return true;
    }

    @Override
    public Counters counters() {
        String n = sysfs.name();
        return new Counters(SysfsInterface.statistic(classNet, n, "tx_packets"),
                SysfsInterface.statistic(classNet, n, "tx_errors"),
                SysfsInterface.statistic(classNet, n, "rx_packets"),
                SysfsInterface.statistic(classNet, n, "rx_errors"));
    }
}
