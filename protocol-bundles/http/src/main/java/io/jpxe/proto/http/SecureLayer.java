package io.jpxe.proto.http;

import java.net.URI;

import org.osgi.annotation.versioning.ConsumerType;

import io.jpxe.api.JpxeException;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

/**
 * TLS under HTTP: the HTTPS bundle registers one, and the {@link HttpClient} asks it to secure
 * each {@code https://} connection before it sends a request.
 *
 * <p>Called on the channel's event loop; must not block.
 */
@ConsumerType
public interface SecureLayer {

    /**
     * Adds TLS at the front of {@code channel}'s pipeline for a server named {@code host} on
     * {@code port} and starts the handshake.
     *
     * @param uri the URI being fetched, for messages
     * @return completes when the handshake succeeded, or fails with a {@link JpxeException} that
     *         says what was wrong (expired certificate, wrong host name, unknown CA, clock...)
     */
    Future<Channel> secure(Channel channel, String host, int port, URI uri);

    /**
     * Explains a failure that happened on a secured channel after the handshake (a truncated
     * stream, a bad record), or returns {@code null} when {@code cause} is not TLS's business.
     */
    JpxeException explain(Throwable cause, URI uri);
}
