package io.jpxe.proto.tftp.internal;

import java.lang.reflect.Constructor;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

import io.jpxe.netty.NettyRuntime;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * Opens the second socket of a multicast TFTP transfer: an IPv4 UDP socket bound to the group's
 * address and port (so it sees that group only, and several clients on one host can share the
 * port: {@code SO_REUSEADDR}), joined to the group on the interface that leads to the server, on
 * the transfer's own event loop. Everything it receives goes to the transfer's
 * {@link MulticastTransferHandler#receiveMulticast}.
 */
final class GroupChannels implements MulticastTransferHandler.GroupJoiner {

    private final NettyRuntime runtime;
    private final EventLoop loop;
    private final NetworkInterface nic;
    private final int receiveBuffer;
    private final TftpDecoder decoder;

    GroupChannels(NettyRuntime runtime, EventLoop loop, NetworkInterface nic, int receiveBuffer, TftpDecoder decoder) {
        this.runtime = runtime;
        this.loop = loop;
        this.nic = nic;
        this.receiveBuffer = receiveBuffer;
        this.decoder = decoder;
    }

    /**
     * The interface the kernel would send to {@code server} from (connecting a UDP socket sends
     * nothing), or {@code null} when it has none (no route).
     */
    static NetworkInterface towards(InetSocketAddress server) throws SocketException {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(server);
            return NetworkInterface.getByInetAddress(probe.getLocalAddress());
        }
    }

    @Override
    public Future<Channel> join(InetSocketAddress group, MulticastTransferHandler handler) {
        Promise<Channel> joined = loop.newPromise();
        ChannelFactory<DatagramChannel> ipv4 = () -> newIpv4Channel(runtime.datagramChannelClass());
        new Bootstrap()
                .group(loop)
                .channelFactory(ipv4)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_RCVBUF, receiveBuffer)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel channel) {
                        channel.pipeline().addLast(decoder, new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                handler.receiveMulticast(msg);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                handler.groupFailed(cause);
                            }
                        });
                    }
                })
                .bind(group)
                .addListener(b -> {
                    if (!b.isSuccess()) {
                        joined.setFailure(b.cause());
                        return;
                    }
                    DatagramChannel channel = (DatagramChannel) ((ChannelFuture) b).channel();
                    channel.joinGroup(group, nic).addListener(j -> {
                        if (j.isSuccess()) {
                            joined.setSuccess(channel);
                        } else {
                            channel.close();
                            joined.setFailure(j.cause());
                        }
                    });
                });
        return joined;
    }

    private static DatagramChannel newIpv4Channel(Class<? extends DatagramChannel> type) {
        try {
            Constructor<? extends DatagramChannel> constructor = type.getConstructor(SocketProtocolFamily.class);
            return constructor.newInstance(SocketProtocolFamily.INET);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " cannot make an IPv4 socket", e);
        }
    }
}
