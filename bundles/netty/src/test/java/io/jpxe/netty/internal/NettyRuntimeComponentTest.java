package io.jpxe.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Future;

class NettyRuntimeComponentTest {

    private static NettyRuntimeComponent.Config config(boolean nativeTransport) {
        return new NettyRuntimeComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return NettyRuntimeComponent.Config.class;
            }

            @Override
            public int threads() {
                return 2;
            }

            @Override
            public boolean nativeTransport() {
                return nativeTransport;
            }
        };
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void echoesUdpOnLoopbackAndShutsDownOnDeactivate(boolean nativeTransport) throws Exception {
        NettyRuntimeComponent runtime = new NettyRuntimeComponent();
        runtime.activate(config(nativeTransport), null);
        if (!nativeTransport) {
            assertEquals("nio", runtime.transportName());
        }
        assertTrue(runtime.datagramChannelClass().getSimpleName().toLowerCase()
                .startsWith(runtime.transportName()));

        Channel echo = bind(runtime, new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                ctx.writeAndFlush(new DatagramPacket(packet.content().retain(), packet.sender()));
            }
        });
        CompletableFuture<String> reply = new CompletableFuture<>();
        Channel client = bind(runtime, new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                reply.complete(packet.content().toString(StandardCharsets.US_ASCII));
            }
        });
        client.writeAndFlush(new DatagramPacket(
                Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII),
                (InetSocketAddress) echo.localAddress())).sync();

        assertEquals("hello", reply.get(5, TimeUnit.SECONDS));

        runtime.deactivate();
        assertTrue(runtime.eventLoopGroup().isTerminated());
        assertFalse(echo.isOpen());
        assertFalse(client.isOpen());
    }

    @Test
    void resolvesLiteralsAndNamesOnTheAskingLoop() throws Exception {
        NettyRuntimeComponent runtime = new NettyRuntimeComponent();
        runtime.activate(config(false), null);
        try {
            EventLoop loop = runtime.eventLoopGroup().next();
            var resolver = runtime.addressResolverGroup().getResolver(loop);

            Future<InetSocketAddress> literal = resolver.resolve(InetSocketAddress.createUnresolved("127.0.0.1", 69));
            assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 69), literal.get(5, TimeUnit.SECONDS));

            CompletableFuture<Boolean> listenerOnLoop = new CompletableFuture<>();
            Future<InetSocketAddress> name = resolver.resolve(InetSocketAddress.createUnresolved("localhost", 6969));
            name.addListener(f -> listenerOnLoop.complete(loop.inEventLoop()));
            assertTrue(name.get(5, TimeUnit.SECONDS).getAddress().isLoopbackAddress());
            assertTrue(listenerOnLoop.get(5, TimeUnit.SECONDS));
        } finally {
            runtime.deactivate();
        }
    }

    private static Channel bind(NettyRuntimeComponent runtime, SimpleChannelInboundHandler<DatagramPacket> handler)
            throws InterruptedException {
        return new Bootstrap()
                .group(runtime.eventLoopGroup())
                .channel(runtime.datagramChannelClass())
                .handler(handler)
                .bind(InetAddress.getLoopbackAddress(), 0)
                .sync()
                .channel();
    }
}
