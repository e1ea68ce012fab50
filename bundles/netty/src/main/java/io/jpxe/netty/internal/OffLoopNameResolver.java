package io.jpxe.netty.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.netty.resolver.InetNameResolver;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

/**
 * Resolves names with a {@link HostLookup} on a blocking-capable executor, while its promises belong
 * to the event loop that asked (so listeners run there). IP literals are answered at once.
 */
final class OffLoopNameResolver extends InetNameResolver {

    private final Executor blockingExecutor;
    private final HostLookup lookup;

    OffLoopNameResolver(EventExecutor promiseExecutor, Executor blockingExecutor) {
        this(promiseExecutor, blockingExecutor, HostLookup.JDK);
    }

    OffLoopNameResolver(EventExecutor promiseExecutor, Executor blockingExecutor, HostLookup lookup) {
        super(promiseExecutor);
        this.blockingExecutor = blockingExecutor;
        this.lookup = lookup;
    }

    @Override
    protected void doResolve(String host, Promise<InetAddress> promise) {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
        if (literal != null) {
            promise.trySuccess(literal);
            return;
        }
        runBlocking(promise, () -> promise.trySuccess(lookup.lookup(host).get(0)));
    }

    @Override
    protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
        if (literal != null) {
            promise.trySuccess(List.of(literal));
            return;
        }
        runBlocking(promise, () -> promise.trySuccess(lookup.lookup(host)));
    }

    private interface Lookup {
        void run() throws UnknownHostException;
    }

    private void runBlocking(Promise<?> promise, Lookup lookup) {
        try {
            blockingExecutor.execute(() -> {
                try {
                    lookup.run();
                } catch (UnknownHostException | RuntimeException e) {
                    promise.tryFailure(e);
                }
            });
        } catch (RejectedExecutionException runtimeStopped) {
            promise.tryFailure(runtimeStopped);
        }
    }
}
