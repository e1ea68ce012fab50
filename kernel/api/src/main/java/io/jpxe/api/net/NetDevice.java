package io.jpxe.api.net;

import java.io.IOException;
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
}
