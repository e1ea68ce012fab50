package io.jpxe.commands.net.internal;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;

import io.jpxe.api.net.NetDevice;

/** A device without a wire: records open/close, link state set by the test. */
final class TestDevice implements NetDevice {
    final String name;
    volatile boolean open;
    volatile boolean link = true;
    int opens;
    int closes;

    TestDevice(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String interfaceName() {
        return "veth-" + name;
    }

    @Override
    public byte[] macAddress() {
        return new byte[] {0x52, 0x54, 0, 0x12, 0x34, (byte) (0x50 + name.charAt(name.length() - 1) - '0')};
    }

    @Override
    public int mtu() {
        return 1500;
    }

    @Override
    public boolean linkUp() {
        return link;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Optional<String> busLocation() {
        return Optional.of("pci:0000:00:03.0");
    }

    @Override
    public Optional<String> chip() {
        return Optional.of("virtio_net");
    }

    @Override
    public void open() {
        open = true;
        opens++;
    }

    @Override
    public void close() {
        open = false;
        closes++;
    }

    @Override
    public void sendFrame(ByteBuffer frame) {
    }

    @Override
    public AutoCloseable receiveFrames(int etherType, Consumer<ByteBuffer> consumer) {
        return () -> { };
    }
}
