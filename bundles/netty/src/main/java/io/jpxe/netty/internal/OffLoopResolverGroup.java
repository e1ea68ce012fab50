package io.jpxe.netty.internal;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;

/** One {@link OffLoopNameResolver} per event loop, all sharing one blocking executor. */
final class OffLoopResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final Executor blockingExecutor;
    private final HostLookup lookup;

    OffLoopResolverGroup(Executor blockingExecutor) {
        this(blockingExecutor, HostLookup.JDK);
    }

    OffLoopResolverGroup(Executor blockingExecutor, HostLookup lookup) {
        this.blockingExecutor = blockingExecutor;
        this.lookup = lookup;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new OffLoopNameResolver(executor, blockingExecutor, lookup).asAddressResolver();
    }
}
