package io.jpxe.proto.dhcp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * What a DHCP session needs of a device: its MAC, sending a frame, receiving IPv4 frames. A
 * {@link io.jpxe.api.net.NetDevice} in production, a simulated server in tests.
 */
interface FrameLink {
    byte[] mac();

    void send(ByteBuffer frame) throws IOException;

    /** Delivers IPv4 frames to {@code consumer} (on the device's receive thread) until closed. */
    AutoCloseable receive(Consumer<ByteBuffer> consumer) throws IOException;
}
