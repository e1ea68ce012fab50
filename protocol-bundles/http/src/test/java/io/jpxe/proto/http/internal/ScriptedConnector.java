package io.jpxe.proto.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.concurrent.Future;

/**
 * A {@link Connector} whose connections are {@link EmbeddedChannel}s with a real HttpClientCodec:
 * a test reads the request bytes the fetch wrote and plays the server's raw bytes back.
 */
final class ScriptedConnector implements Connector {

    final List<EmbeddedChannel> opened = new ArrayList<>();
    final List<HttpTarget> targets = new ArrayList<>();
    final List<Channel> released = new ArrayList<>();

    @Override
    public Future<Connection> acquire(HttpTarget target, EventLoop loop) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(HttpConnections.CODEC, HttpConnections.codec());
        opened.add(channel);
        targets.add(target);
        return channel.eventLoop().newSucceededFuture(new Connection(channel, false, false, null));
    }

    @Override
    public void release(HttpTarget target, Channel channel) {
        released.add(channel);
    }

    @Override
    public JpxeException explain(HttpTarget target, Throwable cause) {
        return new JpxeException(Errno.EIO, target.shown() + ": " + cause.getMessage(), cause);
    }

    EmbeddedChannel last() {
        return opened.getLast();
    }

    /** The request the fetch wrote on the latest connection, as text. */
    String request() {
        StringBuilder text = new StringBuilder();
        ByteBuf out;
        while ((out = last().readOutbound()) != null) {
            text.append(out.toString(StandardCharsets.ISO_8859_1));
            out.release();
        }
        return text.toString();
    }

    /** The server sends {@code raw} on the latest connection. */
    void serve(String raw) {
        last().writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
    }

    /** The server closes the latest connection. */
    void hangUp() {
        last().close();
    }
}
