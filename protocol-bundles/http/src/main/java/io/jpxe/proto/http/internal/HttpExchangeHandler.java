package io.jpxe.proto.http.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Hands one response's parts to its {@link HttpFetch}: the head, each body piece, the end, and a
 * connection that closed or failed first. Replaced for each request on a kept-alive connection.
 * Runs on the channel's event loop; body buffers are released after the call.
 */
final class HttpExchangeHandler extends SimpleChannelInboundHandler<HttpObject> {

    static final String NAME = "jpxe-http-exchange";

    private final HttpFetch fetch;
    private boolean ended;

    HttpExchangeHandler(HttpFetch fetch) {
        this.fetch = fetch;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (ended) {
            // Bytes after the response's end: the server lied about the length or pipelines junk.
            ctx.close();
            return;
        }
        if (msg.decoderResult().isFailure()) {
            ended = true;
            fetch.onMalformed(this, msg.decoderResult().cause());
            return;
        }
        if (msg instanceof HttpResponse response) {
            fetch.onResponse(this, response);
        }
        if (msg instanceof HttpContent content && !ended) {
            fetch.onBody(this, content.content());
        }
        if (msg instanceof LastHttpContent && !ended) {
            ended = true;
            fetch.onEnd(this, ctx.channel());
        }
    }

    /** The fetch has what it needs from this response (it failed or moved on): ignore the rest. */
    void abandon() {
        ended = true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!ended) {
            ended = true;
            fetch.onClosed(this);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!ended) {
            ended = true;
            fetch.onError(this, cause);
        }
        ctx.close();
    }
}
