package io.jpxe.proto.http.internal;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The request a fetch sends: a GET, or a POST of a form when the URI names a parameter list with
 * form fields ({@link HttpParams}); origin-form, or absolute-form through a proxy; credentials; a
 * resume Range; header parameters.
 */
final class HttpRequests {

    private HttpRequests() {
    }

    /**
     * @param rangeFrom  the first byte wanted, or -1 for the whole body
     * @param validator  the ETag or Last-Modified that {@code If-Range} ties a resume to, or null
     */
    static FullHttpRequest get(HttpTarget target, Connector.Connection connection, String userAgent,
            String authorization, long rangeFrom, String validator) {
        return request(target, connection, userAgent, authorization, rangeFrom, validator, null);
    }

    /** The method {@link #request} uses with {@code params}. */
    static HttpMethod method(HttpParams params) {
        return params != null && params.hasForm() ? HttpMethod.POST : HttpMethod.GET;
    }

    /**
     * @param params the URI's parameter list, or null: form fields make a POST, header ones headers
     */
    static FullHttpRequest request(HttpTarget target, Connector.Connection connection, String userAgent,
            String authorization, long rangeFrom, String validator, HttpParams params) {
        String requestTarget = connection.absoluteForm()
                ? (target.secure() ? "https://" : "http://") + target.hostHeader() + target.requestTarget()
                : target.requestTarget();
        HttpMethod method = method(params);
        ByteBuf body = method == HttpMethod.POST
                ? Unpooled.copiedBuffer(params.formBody(), StandardCharsets.US_ASCII) : Unpooled.EMPTY_BUFFER;
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, requestTarget, body);
        if (method == HttpMethod.POST) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpParams.FORM_TYPE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        }
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
        if (params != null) {
            for (HttpParams.Param header : params.headers()) {
                request.headers().add(header.key(), header.value());
            }
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
