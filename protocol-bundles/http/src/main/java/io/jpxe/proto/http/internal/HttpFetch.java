package io.jpxe.proto.http.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.jpxe.api.uri.Transfer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

/**
 * One download over HTTP/1.1: request, follow redirects (bounded, loops named), answer a 401 with
 * Basic or Digest credentials from the URI, wait out a {@code Retry-After}, and resume a broken
 * body with {@code Range} (validated by {@code If-Range}), streaming every byte into the sink at
 * its offset.
 *
 * <p>Threading: everything runs on the event loop of the current connection; {@link #cancel} hops
 * there. Only the latest {@link HttpExchangeHandler} is listened to.
 */
final class HttpFetch implements Transfer {

    private final DataSink sink;
    private final Connector connector;
    private final HttpPolicy policy;
    private final CompletableFuture<Long> completion = new CompletableFuture<>();
    private final Redirects redirects;

    /** The loop the fetch started on: it outlives every connection, so retries wait there. */
    private final EventLoop home;
    private volatile EventLoop loop;
    private HttpTarget target;
    private Channel channel;
    private HttpExchangeHandler exchange;
    private boolean reusedConnection;
    private boolean streaming;
    private boolean rangeRequested;
    private String authorization;
    private String validator;
    private int resumes;
    private int retries;
    private long received;
    private long total = -1;
    private ScheduledFuture<?> retryTimer;
    private boolean done;
    private boolean keepAlive;
    /** The URI's parameter list (POST form, headers); dropped on a redirect, as iPXE opens a new URI. */
    private HttpParams params;

    HttpFetch(URI uri, DataSink sink, Connector connector, HttpPolicy policy, EventLoop loop) throws JpxeException {
        this(uri, sink, connector, policy, loop, null);
    }

    /** @param params the parameter list the URI names ({@code ##params}), or null for a plain GET */
    HttpFetch(URI uri, DataSink sink, Connector connector, HttpPolicy policy, EventLoop loop, HttpParams params)
            throws JpxeException {
        this.params = params;
        this.target = HttpTarget.parse(uri);
        this.sink = sink;
        this.connector = connector;
        this.policy = policy;
        this.loop = loop;
        this.home = loop;
        this.redirects = new Redirects(uri, policy.maxRedirects());
    }

    /** Starts the first request. */
    HttpFetch start() {
        run(this::connect);
        return this;
    }

    @Override
    public CompletionStage<Long> completion() {
        return completion.minimalCompletionStage();
    }

    @Override
    public void cancel(JpxeException reason) {
        JpxeException why = reason != null ? reason : new JpxeException(Errno.ECANCELED, "transfer cancelled");
        run(() -> fail(why));
    }

    private void run(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException stopped) {
            done = true;
            completion.completeExceptionally(new JpxeException(Errno.EIO,
                    target.shown() + ": the network runtime is shutting down"));
        }
    }

    private void connect() {
        if (done) {
            return;
        }
        connector.acquire(target, loop).addListener(f -> {
            if (!f.isSuccess()) {
                fail(f.cause() instanceof JpxeException j ? j : connector.explain(target, f.cause()));
                return;
            }
            Connector.Connection connection = (Connector.Connection) f.getNow();
            if (done) {
                connection.channel().close();
                return;
            }
            send(connection);
        });
    }

    private void send(Connector.Connection connection) {
        channel = connection.channel();
        loop = channel.eventLoop();
        reusedConnection = connection.reused();
        streaming = false;
        exchange = new HttpExchangeHandler(this);
        if (channel.pipeline().get(HttpExchangeHandler.NAME) != null) {
            channel.pipeline().remove(HttpExchangeHandler.NAME);
        }
        channel.pipeline().addLast(HttpExchangeHandler.NAME, exchange);
        rangeRequested = received > 0;
        FullHttpRequest request = HttpRequests.request(target, connection, policy.userAgent(), authorization,
                rangeRequested ? received : -1, validator, params);
        channel.writeAndFlush(request).addListener(w -> {
            if (!w.isSuccess() && exchange != null) {
                onError(exchange, w.cause());
            }
        });
    }

    void onResponse(HttpExchangeHandler from, HttpResponse response) {
        if (from != exchange || done) {
            return;
        }
        int code = response.status().code();
        keepAlive = HttpUtil.isKeepAlive(response);
        switch (code) {
            case 200 -> beginBody(response, 0);
            case 206 -> {
                if (!rangeRequested) {
                    failProtocol("206 Partial Content to a request without Range");
                    return;
                }
                long[] range = HttpResponses.contentRange(response.headers().get(HttpHeaderNames.CONTENT_RANGE));
                if (range == null || range[0] != received) {
                    failProtocol("Content-Range \"" + response.headers().get(HttpHeaderNames.CONTENT_RANGE)
                            + "\" does not continue at byte " + received);
                    return;
                }
                beginBody(response, range[0]);
                if (range[2] >= 0) {
                    total = range[2];
                }
            }
            case 301, 302, 303, 307, 308 -> redirect(response);
            case 401 -> authenticate(response);
            case 429, 503 -> retryAfter(response);
            default -> fail(HttpResponses.statusFailure(target.shown(), response));
        }
    }

    private void beginBody(HttpResponse response, long offset) {
        streaming = true;
        received = offset;
        String etag = response.headers().get(HttpHeaderNames.ETAG);
        String lastModified = response.headers().get(HttpHeaderNames.LAST_MODIFIED);
        validator = etag != null && !etag.startsWith("W/") ? etag : lastModified;
        if (offset == 0) {
            total = HttpUtil.getContentLength(response, -1L);
            if (total > policy.maxBodyBytes()) {
                fail(new JpxeException(Errno.EFBIG, target.shown() + ": the server announces " + total
                        + " bytes, more than the limit of " + policy.maxBodyBytes()));
                return;
            }
            if (total >= 0) {
                sink.expectedSize(total);
            }
        }
    }

    void onBody(HttpExchangeHandler from, ByteBuf content) {
        if (from != exchange || done || !streaming || !content.isReadable()) {
            return;
        }
        int length = content.readableBytes();
        if (total >= 0 && received + length > total) {
            failProtocol("body longer than the announced " + total + " bytes");
            return;
        }
        if (received + length > policy.maxBodyBytes()) {
            fail(new JpxeException(Errno.EFBIG, target.shown() + ": body exceeds the limit of "
                    + policy.maxBodyBytes() + " bytes (endless response?)"));
            return;
        }
        try {
            long position = received;
            for (ByteBuffer piece : content.nioBuffers()) {
                int n = piece.remaining();
                sink.write(position, piece.asReadOnlyBuffer());
                position += n;
            }
        } catch (IOException | RuntimeException e) {
            fail(new JpxeException(Errno.EIO, target.shown() + ": cannot store bytes from " + received + ": "
                    + e.getMessage(), e));
            return;
        }
        received += length;
    }

    void onEnd(HttpExchangeHandler from, Channel ended) {
        if (from != exchange || done) {
            return;
        }
        if (!streaming) {
            return;
        }
        if (total >= 0 && received < total) {
            broken("the response ended");
            return;
        }
        exchange = null;
        ended.pipeline().remove(from);
        if (connectionReusable(ended)) {
            connector.release(target, ended);
        } else {
            ended.close();
        }
        done = true;
        completion.complete(received);
    }

    private boolean connectionReusable(Channel ended) {
        return ended.isActive() && keepAlive;
    }

    void onClosed(HttpExchangeHandler from) {
        if (from != exchange || done) {
            return;
        }
        if (!streaming && reusedConnection) {
            // A kept-alive connection the server had closed: try once more on a fresh one.
            reusedConnection = false;
            exchange = null;
            connect();
            return;
        }
        broken("the server closed the connection");
    }

    void onError(HttpExchangeHandler from, Throwable cause) {
        if (from != exchange || done) {
            return;
        }
        if (cause instanceof IOException && !(cause instanceof SSLException)) {
            broken("the connection failed (" + cause.getMessage() + ")");
            return;
        }
        fail(connector.explain(target, cause));
    }

    void onMalformed(HttpExchangeHandler from, Throwable cause) {
        if (from != exchange || done) {
            return;
        }
        failProtocol("malformed HTTP response (" + cause.getMessage() + ")");
    }

    /** The body stopped early: resume from the last byte stored, within the budget. */
    private void broken(String how) {
        String progress = total >= 0 ? received + " of " + total + " bytes" : received + " bytes";
        closeChannel();
        if (resumes >= policy.maxResumes() || HttpRequests.method(params) != HttpMethod.GET) {
            // A form submission is not repeated: the server may not answer it the same way twice.
            fail(new JpxeException(Errno.ECONNRESET, target.shown() + ": " + how + " after " + progress
                    + (resumes > 0 ? ", " + resumes + " resumes tried" : "")));
            return;
        }
        resumes++;
        connect();
    }

    private void redirect(HttpResponse response) {
        closeChannel();
        HttpTarget next;
        try {
            next = redirects.follow(target, response.status().code(), response.headers().get(HttpHeaderNames.LOCATION));
        } catch (JpxeException e) {
            fail(e);
            return;
        }
        if (!next.origin().equals(target.origin())) {
            authorization = null; // never send credentials to another server
        }
        target = next;
        params = null;
        received = 0;
        total = -1;
        connect();
    }

    private void authenticate(HttpResponse response) {
        closeChannel();
        List<String> challenges = response.headers().getAll(HttpHeaderNames.WWW_AUTHENTICATE);
        if (!target.hasCredentials()) {
            fail(new JpxeException(Errno.EACCES, target.shown() + ": HTTP 401 Unauthorized (the URI has no"
                    + " user:password@)"));
            return;
        }
        if (authorization != null) {
            fail(new JpxeException(Errno.EACCES, target.shown() + ": HTTP 401 Unauthorized: the server refused"
                    + " the credentials of user " + target.user()));
            return;
        }
        String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
        authorization = HttpAuth.authorization(challenges, HttpRequests.method(params).name(), target.requestTarget(), target.user(),
                target.password(), cnonce);
        if (authorization == null) {
            fail(new JpxeException(Errno.ENOTSUP, target.shown() + ": HTTP 401 asks for an authentication"
                    + " scheme jPXE does not speak: " + String.join(" / ", challenges)));
            return;
        }
        connect();
    }

    private void retryAfter(HttpResponse response) {
        closeChannel();
        Duration wait = HttpResponses.retryDelay(response.headers().get(HttpHeaderNames.RETRY_AFTER));
        if (wait == null || retries >= policy.maxRetries() || wait.compareTo(policy.maxRetryAfter()) > 0) {
            JpxeException status = HttpResponses.statusFailure(target.shown(), response);
            String why = wait == null ? "" : retries >= policy.maxRetries() ? " (retried " + retries + " times)"
                    : " (asks to retry after " + wait.toSeconds() + " s, more than the "
                            + policy.maxRetryAfter().toSeconds() + " s jPXE waits)";
            fail(new JpxeException(status.errno(), status.getMessage() + why));
            return;
        }
        retries++;
        loop = home;
        retryTimer = home.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void failProtocol(String what) {
        fail(new JpxeException(Errno.EPROTO, target.shown() + ": " + what));
    }

    private void closeChannel() {
        if (exchange != null) {
            exchange.abandon();
            exchange = null;
        }
        if (channel != null) {
            channel.close();
        }
    }

    private void fail(JpxeException failure) {
        if (done) {
            return;
        }
        done = true;
        if (retryTimer != null) {
            retryTimer.cancel(false);
        }
        closeChannel();
        completion.completeExceptionally(failure);
    }
}
