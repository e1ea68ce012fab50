package io.jpxe.proto.http.internal;

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

/** Opens {@code http://} URIs (iPXE's DOWNLOAD_PROTO_HTTP) with the {@link HttpClient}. */
@Component(service = UriOpener.class)
@UriScheme("http")
public final class HttpUriOpener implements UriOpener {

    private final HttpClient client;

    @Activate
    public HttpUriOpener(@Reference(name = "client") HttpClient client) {
        this.client = client;
    }

    @Override
    public Transfer open(URI uri, DataSink sink) throws JpxeException {
        return client.fetch(uri, sink);
    }
}
