package io.jpxe.netty.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.net.NameResolver;
import io.jpxe.netty.NettyRuntime;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Owns the loader's one event loop group: created on activation, shut down (and waited for) on
 * deactivation, so no Netty thread outlives the bundle's class loader.
 */
@Component(service = NettyRuntime.class, configurationPid = NettyRuntimeComponent.PID)
@Designate(ocd = NettyRuntimeComponent.Config.class)
public final class NettyRuntimeComponent implements NettyRuntime {

    static final String PID = "io.jpxe.netty";

    @ObjectClassDefinition(id = PID, name = "jPXE Netty runtime")
    public @interface Config {
        @AttributeDefinition(description = "Event loop threads; 0 = Netty's default (2 x cores)")
        int threads() default 0;

        @AttributeDefinition(description = "Use epoll when the native library is available")
        boolean nativeTransport() default true;
    }

    private Transport transport;
    private EventLoopGroup group;
    private ExecutorService resolverThreads;
    private OffLoopResolverGroup resolverGroup;
    /**
     * Finds the DHCP-given DNS (networking bundles) at lookup time. Not a DS reference: the resolver
     * reaches the settings tree, whose blocks may need this runtime, and DS would see a cycle.
     */
    private BundleContext context;

    @Activate
    void activate(Config config, BundleContext context) {
        this.context = context;
        transport = Transport.select(config.nativeTransport());
        group = new MultiThreadIoEventLoopGroup(Math.max(0, config.threads()),
                new DefaultThreadFactory("jpxe-netty-" + transport.name(), true),
                transport.ioHandlerFactory());
        resolverThreads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("jpxe-resolve-", 0).factory());
        resolverGroup = new OffLoopResolverGroup(resolverThreads, this::lookup);
    }

    /**
     * Names in URIs resolve through the DHCP-given servers as in iPXE; where no server is configured
     * (a workstation before any {@code dhcp}), through the host's own resolver.
     */
    private List<InetAddress> lookup(String host) throws UnknownHostException {
        ServiceReference<NameResolver> reference = context == null ? null
                : context.getServiceReference(NameResolver.class);
        NameResolver dns = reference == null ? null : context.getService(reference);
        if (dns != null) {
            try {
                return dns.resolve(host);
            } catch (JpxeException e) {
                if (e.errno() != Errno.EADDRNOTAVAIL) {
                    UnknownHostException failure = new UnknownHostException(host + ": " + e.describe());
                    failure.initCause(e);
                    throw failure;
                }
            } finally {
                context.ungetService(reference);
            }
        }
        return HostLookup.JDK.lookup(host);
    }

    @Deactivate
    void deactivate() {
        resolverGroup.close();
        // Lookups cannot be interrupted; their threads are virtual and their promises then fail.
        resolverThreads.shutdownNow();
        // Synchronous: Netty threads must be gone before this bundle's wiring is (TOOLCHAIN G5).
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    @Override
    public Class<? extends DatagramChannel> datagramChannelClass() {
        return transport.datagramChannelClass();
    }

    @Override
    public Class<? extends SocketChannel> socketChannelClass() {
        return transport.socketChannelClass();
    }

    @Override
    public Class<? extends ServerSocketChannel> serverSocketChannelClass() {
        return transport.serverSocketChannelClass();
    }

    @Override
    public ByteBufAllocator allocator() {
        return ByteBufAllocator.DEFAULT;
    }

    @Override
    public AddressResolverGroup<InetSocketAddress> addressResolverGroup() {
        return resolverGroup;
    }

    @Override
    public String transportName() {
        return transport.name();
    }
}
