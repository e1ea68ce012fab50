package io.jpxe.proto.http.internal;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/** The GET a fetch sends: origin-form, or absolute-form through a proxy; credentials; a resume Range. */
final class HttpRequests {

    private HttpRequests() {
    }

    /**
     * @param rangeFrom  the first byte wanted, or -1 for the whole body
     * @param validator  the ETag or Last-Modified that {@code If-Range} ties a resume to, or null
     */
    static FullHttpRequest get(HttpTarget target, Connector.Connection connection, String userAgent,
            String authorization, long rangeFrom, String validator) {
        String requestTarget = connection.absoluteForm()
                ? (target.secure() ? "https://" : "http://") + target.hostHeader() + target.requestTarget()
                : target.requestTarget();
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, requestTarget);
        request.headers().set(HttpHeaderNames.HOST, target.hostHeader())
                .set(HttpHeaderNames.USER_AGENT, userAgent)
                .set(HttpHeaderNames.ACCEPT, "*/*")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        if (authorization != null) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
        }
        if (connection.proxyAuthorization() != null) {
            request.headers().set(HttpHeaderNames.PROXY_AUTHORIZATION, connection.proxyAuthorization());
        }
        if (rangeFrom > 0) {
            request.headers().set(HttpHeaderNames.RANGE, "bytes=" + rangeFrom + "-");
            if (validator != null) {
                request.headers().set(HttpHeaderNames.IF_RANGE, validator);
            }
        }
        return request;
    }
}
