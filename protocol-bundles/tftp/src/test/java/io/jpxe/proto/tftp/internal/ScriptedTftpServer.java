package io.jpxe.proto.tftp.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ReferenceCountUtil;

/**
 * A TFTP server on 127.0.0.1 that plays a script on its own thread: each test says what it answers,
 * from which port, and which packets it pretends to lose. It records what it received.
 */
final class ScriptedTftpServer implements AutoCloseable {

    /** What the server does, given its listening socket. */
    interface Script {
        void play(ScriptedTftpServer server) throws Exception;
    }

    /** A packet and where it came from. */
    record Received(TftpPacket packet, SocketAddress from) {
    }

    final DatagramSocket listen;
    final List<TftpPacket> received = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile Throwable failure;

    ScriptedTftpServer(Script script) throws IOException {
        listen = open();
        thread = Thread.ofPlatform().name("scripted-tftp").start(() -> {
            try {
                script.play(this);
            } catch (Throwable t) {
                failure = t;
            }
        });
    }

    int port() {
        return listen.getLocalPort();
    }

    /** A fresh socket on 127.0.0.1: a new server TID. */
    DatagramSocket open() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(5000);
        return socket;
    }

    Received receive(DatagramSocket socket) throws IOException {
        DatagramPacket datagram = new DatagramPacket(new byte[65536], 65536);
        socket.receive(datagram);
        ByteBuf buf = Unpooled.wrappedBuffer(datagram.getData(), 0, datagram.getLength());
        TftpPacket packet = TftpDecoder.decode(buf);
        ReferenceCountUtil.release(packet);
        received.add(packet);
        return new Received(packet, datagram.getSocketAddress());
    }

    void send(DatagramSocket socket, SocketAddress to, TftpPacket packet) throws IOException {
        ByteBuf buf = TftpEncoder.encode(UnpooledByteBufAllocator.DEFAULT, packet);
        try {
            byte[] bytes = ByteBufUtil.getBytes(buf);
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } finally {
            buf.release();
            ReferenceCountUtil.release(packet);
        }
    }

    /** Waits for the script to end and rethrows what went wrong in it. */
    void awaitScript() throws Exception {
        thread.join(TimeUnit.SECONDS.toMillis(10));
        if (failure instanceof Exception e) {
            throw e;
        } else if (failure != null) {
            throw new AssertionError(failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        listen.close();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
