package io.jpxe.netty.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.netty.resolver.InetNameResolver;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

/**
 * Resolves names with the JDK's resolver on a blocking-capable executor, while its promises belong
 * to the event loop that asked (so listeners run there). IP literals are answered at once.
 */
final class OffLoopNameResolver extends InetNameResolver {

    private final Executor blockingExecutor;

    OffLoopNameResolver(EventExecutor promiseExecutor, Executor blockingExecutor) {
        super(promiseExecutor);
        this.blockingExecutor = blockingExecutor;
    }

    @Override
    protected void doResolve(String host, Promise<InetAddress> promise) {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
        if (literal != null) {
            promise.trySuccess(literal);
            return;
        }
        runBlocking(promise, () -> promise.trySuccess(InetAddress.getByName(host)));
    }

    @Override
    protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
        if (literal != null) {
            promise.trySuccess(List.of(literal));
            return;
        }
        runBlocking(promise, () -> promise.trySuccess(Arrays.asList(InetAddress.getAllByName(host))));
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
