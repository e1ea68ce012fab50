package io.jpxe.proto.http.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * Where an {@code http(s)://} URI points: scheme, host (brackets removed), port, the request target
 * (raw path and query, {@code /} when empty) and the decoded {@code user:password} if any.
 */
record HttpTarget(URI uri, boolean secure, String host, int port, String requestTarget, String user,
        String password) {

    /** {@code scheme://host:port}: connections to one origin can be shared. */
    String origin() {
        return (secure ? "https" : "http") + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The {@code Host} header: the port only when it is not the scheme's default. */
    String hostHeader() {
        // an IPv6 zone id names one of this machine's interfaces: it means nothing to the server (RFC 6874 s4)
        int zone = host.indexOf('%');
        String address = zone >= 0 ? host.substring(0, zone) : host;
        String h = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return port == (secure ? 443 : 80) ? h : h + ":" + port;
    }

    /** The URI as shown to users: no password (iPXE's redacted form keeps no user either). */
    String shown() {
        return origin().replaceFirst(":" + (secure ? 443 : 80) + "$", "") + requestTarget;
    }

    boolean hasCredentials() {
        return user != null;
    }

    /**
     * @throws JpxeException {@code EINVAL} naming the URI and what is wrong
     */
    static HttpTarget parse(URI uri) throws JpxeException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(uri, "not an http: or https: URI");
        }
        if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(uri, "no server (expected " + scheme + "://server/path)");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean secure = scheme.equals("https");
        int port = uri.getPort() == -1 ? (secure ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw invalid(uri, "port " + port + " is outside 1..65535");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        return new HttpTarget(uri, secure, host, port, target, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static JpxeException invalid(URI uri, String what) {
        return new JpxeException(Errno.EINVAL, uri + ": " + what);
    }
}
