package io.jpxe.netty;

import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.AddressResolverGroup;

/**
 * The shared Netty event loop group of the loader and the channel classes that run on it: epoll
 * when the native transport is present and works, NIO otherwise.
 *
 * <p>Registered as a DS service by {@code io.jpxe.netty}; it lives from the component's activation
 * to its deactivation, which shuts the group down and waits for it. Users must therefore not keep
 * channels open past their own deactivation. All methods are thread-safe and non-blocking.
 *
 * <pre>{@code
 * Channel ch = new Bootstrap()
 *         .group(runtime.eventLoopGroup().next())
 *         .channel(runtime.datagramChannelClass())
 *         .handler(myHandler)
 *         .bind(0).channel();
 * }</pre>
 */
@ProviderType
public interface NettyRuntime {

    /**
     * The shared group. Never shut it down: the runtime owns it. Handlers running on its loops must
     * never block; use {@link #addressResolverGroup()} for host names.
     */
    EventLoopGroup eventLoopGroup();

    /** The UDP channel class for {@link #eventLoopGroup()} (epoll or NIO). */
    Class<? extends DatagramChannel> datagramChannelClass();

    /** The TCP client channel class for {@link #eventLoopGroup()}. */
    Class<? extends SocketChannel> socketChannelClass();

    /** The TCP server channel class for {@link #eventLoopGroup()}. */
    Class<? extends ServerSocketChannel> serverSocketChannelClass();

    /** The buffer allocator channels of this runtime use by default. */
    ByteBufAllocator allocator();

    /**
     * Resolves host names without blocking an event loop: lookups run on a separate (virtual)
     * thread and their futures complete on the event loop that asked, so listeners may touch the
     * channel directly. IP literals complete at once. Pass it to {@code Bootstrap.resolver(...)} for
     * TCP, or call {@code getResolver(channel.eventLoop()).resolve(...)} for UDP. A failed lookup
     * fails the future with {@link java.net.UnknownHostException}.
     */
    AddressResolverGroup<InetSocketAddress> addressResolverGroup();

    /** The transport in use: {@code "epoll"} or {@code "nio"} (for diagnostics). */
    String transportName();
}
