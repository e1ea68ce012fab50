package io.jpxe.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;

class OffLoopNameResolverTest {

    @Test
    void namesGoThroughTheGivenLookupAndLiteralsDoNot() throws Exception {
        List<String> asked = new ArrayList<>();
        HostLookup dhcpDns = host -> {
            asked.add(host);
            return List.of(InetAddress.getByAddress(host, new byte[] {(byte) 198, 18, 0, 1}));
        };
        OffLoopNameResolver resolver = new OffLoopNameResolver(ImmediateEventExecutor.INSTANCE, Runnable::run, dhcpDns);

        Future<InetAddress> name = resolver.resolve("boot.test").sync();
        Future<InetAddress> literal = resolver.resolve("127.0.0.1").sync();

        assertEquals("198.18.0.1", name.getNow().getHostAddress());
        assertEquals("127.0.0.1", literal.getNow().getHostAddress());
        assertEquals(List.of("boot.test"), asked, "literals never reach the lookup");
    }

    @Test
    void aFailedLookupFailsThePromiseWithTheReason() {
        HostLookup nothing = host -> {
            throw new UnknownHostException(host + ": No such file or directory");
        };
        OffLoopNameResolver resolver = new OffLoopNameResolver(ImmediateEventExecutor.INSTANCE, Runnable::run, nothing);

        Future<InetAddress> result = resolver.resolve("missing.test").awaitUninterruptibly();

        UnknownHostException cause = assertInstanceOf(UnknownHostException.class, result.cause());
        assertTrue(cause.getMessage().startsWith("missing.test"), cause.getMessage());
    }
}
