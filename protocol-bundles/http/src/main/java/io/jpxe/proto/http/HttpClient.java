package io.jpxe.proto.http;

import java.net.URI;

import org.osgi.annotation.versioning.ProviderType;

import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.jpxe.api.uri.Transfer;

/**
 * Fetches an {@code http://} or {@code https://} URI with everything HTTP/1.1 needs for booting:
 * streaming into the sink, bounded redirects, Basic and Digest authentication from the URI's
 * {@code user:password@}, {@code Retry-After}, a {@code Range} resume after a broken connection,
 * and the {@code ${http-proxy}} proxy.
 *
 * <p>Thread-safe; {@link #fetch} never blocks. {@code https://} needs a {@link SecureLayer}: without
 * one the transfer fails with {@code ENOTSUP}.
 */
@ProviderType
public interface HttpClient {

    /**
     * Starts a GET of {@code uri}; bytes go to {@code sink} from the connection's event loop.
     *
     * @throws JpxeException {@code EINVAL} when the URI is unusable (no host, bad port)
     */
    Transfer fetch(URI uri, DataSink sink) throws JpxeException;
}
