package io.jpxe.netty.internal;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * One Netty transport: the I/O handler factory of its event loops and the channel classes that
 * run on them.
 */
record Transport(
        String name,
        IoHandlerFactory ioHandlerFactory,
        Class<? extends DatagramChannel> datagramChannelClass,
        Class<? extends SocketChannel> socketChannelClass,
        Class<? extends ServerSocketChannel> serverSocketChannelClass) {

    /** Java NIO: always available. */
    static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(),
                NioDatagramChannel.class, NioSocketChannel.class, NioServerSocketChannel.class);
    }

    /**
     * Epoll when {@code preferNative} and the native library loads, NIO otherwise. The epoll
     * classes are an optional import and the native library a separate fragment, so either may be
     * missing: both cases end in NIO.
     */
    static Transport select(boolean preferNative) {
        if (preferNative) {
            try {
                if (EpollTransport.isAvailable()) {
                    return EpollTransport.create();
                }
            } catch (LinkageError epollClassesMissing) {
                // io.netty.channel.epoll is not wired: fall through to NIO
            }
        }
        return nio();
    }
}
