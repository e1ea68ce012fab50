package io.jpxe.proto.http.internal;

import io.jpxe.api.JpxeException;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/**
 * Where an {@link HttpFetch} gets its connections: a new or kept-alive one, already through the
 * proxy tunnel and TLS where needed, with an {@code HttpClientCodec} at the end of its pipeline.
 */
interface Connector {

    /** A connection and how to address requests on it. */
    record Connection(Channel channel, boolean reused, boolean absoluteForm, String proxyAuthorization) {
    }

    /**
     * Completes on the connection's event loop; fails with a {@link JpxeException} saying why.
     *
     * @param loop the loop to connect on (a kept-alive connection keeps its own)
     */
    Future<Connection> acquire(HttpTarget target, EventLoop loop);

    /** Keeps {@code channel} for the next request to {@code target}'s origin. */
    void release(HttpTarget target, Channel channel);

    /** A JpxeException for a failure on a connection to {@code target} (TLS knows best for https). */
    JpxeException explain(HttpTarget target, Throwable cause);
}
