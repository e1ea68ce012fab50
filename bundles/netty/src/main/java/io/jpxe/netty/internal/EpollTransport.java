package io.jpxe.netty.internal;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * The only class naming epoll types, so that nothing else fails to link when the optional
 * {@code io.netty.channel.epoll} import is not wired.
 */
final class EpollTransport {

    private EpollTransport() {
    }

    /** Whether the epoll native library is loaded (the linux-x86_64 fragment is attached). */
    static boolean isAvailable() {
        return Epoll.isAvailable();
    }

    static Transport create() {
        return new Transport("epoll", EpollIoHandler.newFactory(),
                EpollDatagramChannel.class, EpollSocketChannel.class, EpollServerSocketChannel.class);
    }
}
