package io.jpxe.api.uri;

import java.net.URI;

import org.osgi.annotation.versioning.ConsumerType;

import io.jpxe.api.JpxeException;

/**
 * Opens URIs of one or more schemes (iPXE's {@code __uri_opener}) and streams their bytes into a
 * {@link DataSink}. Registered with {@link UriScheme}. Knows nothing of scripts or images.
 *
 * <p>{@link #open} must not block: it starts the transfer and returns. Thread-safe.
 */
@ConsumerType
public interface UriOpener {

    /**
     * Starts fetching {@code uri}.
     *
     * @param uri  an absolute URI of a scheme this opener serves
     * @param sink receives the bytes, from the opener's I/O thread
     * @return the running transfer
     * @throws JpxeException {@code EINVAL} if the URI is unusable (no host, bad port...)
     */
    Transfer open(URI uri, DataSink sink) throws JpxeException;
}
