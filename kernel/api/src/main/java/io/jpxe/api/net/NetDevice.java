package io.jpxe.api.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One network interface as a NIC bundle exposes it (iPXE's {@code net_device}). Registered as a
 * service with the property {@code jpxe.netdev.name} ({@code net0}...). Only NIC bundles create them.
 *
 * <p>Thread-safe. Raw frames are for link-level protocols (DHCP before an address exists); IP,
 * UDP and TCP go through the Linux stack.
 */
@ProviderType
public interface NetDevice {

    /** Service property holding {@link #name()}. */
    String NAME_PROPERTY = "jpxe.netdev.name";

    /** iPXE name: {@code net0}, {@code net1}... */
    String name();

    /** The Linux interface name ({@code eth0}, {@code veth0}...). */
    String interfaceName();

    /** The hardware address (6 bytes for Ethernet). */
    byte[] macAddress();

    /** MTU in bytes. */
    int mtu();

    /** Whether the link is up (carrier present). */
    boolean linkUp();

    /** Whether the device is open ({@code ifopen}). */
    boolean isOpen();

    /** Bus location ({@code pci:0000:00:03.0}) if known. */
    Optional<String> busLocation();

    /** Chip or driver name if known. */
    Optional<String> chip();

    /** Brings the interface up ({@code ifopen}). */
    void open() throws IOException;

    /** Takes the interface down unless the host owns it ({@code ifclose}). */
    void close() throws IOException;

    /**
     * Sends one raw Ethernet frame (destination MAC first). The buffer is read during the call and not
     * retained.
     */
    void sendFrame(ByteBuffer frame) throws IOException;

    /**
     * Receives raw frames of EtherType {@code etherType} until the returned handle is closed. The
     * consumer runs on the device's receive thread; the buffer is valid only during the call.
     */
    AutoCloseable receiveFrames(int etherType, Consumer<ByteBuffer> consumer) throws IOException;
    /**
     * Whether the interface already carries an IPv4 address (configured by the host or by an earlier
     * lease). Hosted mode never reconfigures such an interface unless told to.
     */
    default boolean hasIpv4Address() {
        return false;
    }

    /**
     * Configures IPv4 on the interface: {@code address/prefixLength} replaces any address this device
     * set before, and {@code gateway} (may be {@code null}) becomes the default route through it.
     * An interface that carried an address of the host's when it was attached is left alone unless
     * the driver was told to reconfigure it. Blocking (a kernel round trip); call from a script or
     * virtual thread, never an event loop.
     *
     * @return {@code true} if applied, {@code false} if left alone because the host owns the interface
     * @throws IOException when the kernel refuses (the message names the operation and errno)
     * @throws UnsupportedOperationException when the driver cannot configure addresses
     */
    default boolean configureIpv4(Inet4Address address, int prefixLength, Inet4Address gateway) throws IOException {
        throw new UnsupportedOperationException(interfaceName() + " cannot configure IPv4");
    }

    /**
     * Adds an IPv6 address learnt by DHCPv6 ({@code IA_NA}) to the interface, with
     * {@code prefixLength} on-link (128 when no router advertised the prefix). Addresses from router
     * advertisements (SLAAC) are the kernel's to make, not this method's. The same ownership rule as
     * {@link #configureIpv4} applies. Blocking (a kernel round trip); call from a script or virtual
     * thread.
     *
     * @return {@code true} if applied, {@code false} if left alone because the host owns the interface
     * @throws IOException when the kernel refuses (the message names the operation and errno)
     * @throws UnsupportedOperationException when the driver cannot configure addresses
     * @since 1.2
     */
    default boolean configureIpv6(Inet6Address address, int prefixLength) throws IOException {
        throw new UnsupportedOperationException(interfaceName() + " cannot configure IPv6");
    }

    /** Traffic counters for {@code ifstat}; zeros when the driver keeps none. */
    default Counters counters() {
        return new Counters(0, 0, 0, 0);
    }

    /**
     * Frame counters as {@code ifstat} prints them.
     *
     * @param txPackets frames sent
     * @param txErrors  frames that failed to send
     * @param rxPackets frames received
     * @param rxErrors  frames received with errors
     */
    record Counters(long txPackets, long txErrors, long rxPackets, long rxErrors) {
    }
}
