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

    /** A device's frames: sent as they are, IPv4 frames received. */
    static FrameLink of(io.jpxe.api.net.NetDevice device) {
        return new FrameLink() {
            @Override
            public byte[] mac() {
                return device.macAddress();
            }

            @Override
            public void send(ByteBuffer frame) throws IOException {
                device.sendFrame(frame);
            }

            @Override
            public AutoCloseable receive(Consumer<ByteBuffer> consumer) throws IOException {
                return device.receiveFrames(UdpFrames.ETHERTYPE_IPV4, consumer);
            }
        };
    }
}
