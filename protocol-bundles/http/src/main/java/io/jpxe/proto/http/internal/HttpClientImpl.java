package io.jpxe.proto.http.internal;

import java.net.URI;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.jpxe.api.JpxeException;
import io.jpxe.api.settings.Settings;
import io.jpxe.api.uri.DataSink;
import io.jpxe.api.uri.Transfer;
import io.jpxe.netty.NettyRuntime;
import io.jpxe.proto.http.HttpClient;
import io.jpxe.proto.http.SecureLayer;

/**
 * The {@link HttpClient} service: one {@link HttpFetch} per download on the shared Netty runtime,
 * connections kept alive between downloads, {@code ${http-proxy}} read from the settings at each
 * connection, and TLS from whichever {@link SecureLayer} is registered.
 */
@Component(service = HttpClient.class, configurationPid = HttpClientImpl.PID)
@Designate(ocd = HttpClientImpl.Config.class)
public final class HttpClientImpl implements HttpClient {

    static final String PID = "io.jpxe.proto.http";

    @ObjectClassDefinition(id = PID, name = "jPXE HTTP client")
    public @interface Config {
        @AttributeDefinition(description = "Redirects followed per download")
        int maxRedirects() default 10;

        @AttributeDefinition(description = "Range resumes after a broken connection per download")
        int maxResumes() default 5;

        @AttributeDefinition(description = "Retries after 429/503 with Retry-After per download")
        int maxRetries() default 3;

        @AttributeDefinition(description = "Longest Retry-After honoured, in seconds")
        int maxRetryAfterSeconds() default 60;

        @AttributeDefinition(description = "TCP connect timeout in milliseconds")
        int connectTimeoutMillis() default 10_000;
    }

    private final NettyRuntime runtime;
    private final HttpConnections connections;
    private final HttpPolicy policy;
    private volatile SecureLayer secureLayer;
    /** Static and mandatory: every image has the settings tree (a dynamic optional reference raced at start-up). */
    private final Settings settings;

    private final ParamLists paramLists;

    @Activate
    public HttpClientImpl(@Reference(name = "runtime") NettyRuntime runtime,
            @Reference(name = "paramLists") ParamLists paramLists, @Reference(name = "settings") Settings settings,
            Config config) {
        this.runtime = runtime;
        this.settings = settings;
        this.paramLists = paramLists;
        HttpPolicy defaults = HttpPolicy.defaults();
        this.policy = new HttpPolicy(config.maxRedirects(), config.maxResumes(), config.maxRetries(),
                Duration.ofSeconds(config.maxRetryAfterSeconds()), defaults.maxBodyBytes(), defaults.userAgent());
        this.connections = new HttpConnections(runtime, () -> secureLayer, this::proxySetting,
                config.connectTimeoutMillis());
    }

    @Reference(name = "secureLayer", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSecureLayer(SecureLayer layer) {
        secureLayer = layer;
    }

    void unbindSecureLayer(SecureLayer layer) {
        if (secureLayer == layer) {
            secureLayer = null;
        }
    }

    private String proxySetting() {
        Settings s = settings;
        return s == null ? null : s.fetch("http-proxy").orElse(null);
    }

    @Deactivate
    void deactivate() {
        connections.closeAll();
    }

    @Override
    public Transfer fetch(URI uri, DataSink sink) throws JpxeException {
        // iPXE ignores a ##params naming no list: the fetch is then a plain GET.
        HttpParams.Reference reference = HttpParams.referencedBy(uri);
        HttpParams params = reference == null ? null : paramLists.find(reference.name()).orElse(null);
        return new HttpFetch(uri, sink, connections, policy, runtime.eventLoopGroup().next(), params).start();
    }
}
