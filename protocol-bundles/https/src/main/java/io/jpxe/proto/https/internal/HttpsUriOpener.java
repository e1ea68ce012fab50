package io.jpxe.proto.https.internal;

import java.net.URI;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.jpxe.api.uri.Transfer;
import io.jpxe.api.uri.UriOpener;
import io.jpxe.api.uri.UriScheme;
import io.jpxe.proto.http.HttpClient;
import io.jpxe.proto.http.SecureLayer;

/**
 * Opens {@code https://} URIs (iPXE's DOWNLOAD_PROTO_HTTPS): the {@link HttpClient} over this
 * bundle's {@link TlsLayer}. Needs the layer registered, so HTTPS never silently falls back.
 */
@Component(service = UriOpener.class)
@UriScheme("https")
public final class HttpsUriOpener implements UriOpener {

    private final HttpClient client;

    @Activate
    public HttpsUriOpener(@Reference(name = "client") HttpClient client,
            @Reference(name = "tls") SecureLayer tls) {
        this.client = client;
    }

    @Override
    public Transfer open(URI uri, DataSink sink) throws JpxeException {
        return client.fetch(uri, sink);
    }
}
