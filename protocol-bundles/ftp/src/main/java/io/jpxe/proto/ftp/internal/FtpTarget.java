package io.jpxe.proto.ftp.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * What an {@code ftp://[user[:password]@]host[:port]/path} URI asks for (RFC 1738): anonymous login
 * when it names no user, as iPXE's {@code ftp.c}; the path is sent decoded, without its first
 * {@code /}.
 */
record FtpTarget(URI uri, String host, int port, String user, String password, String path) {

    static final String ANONYMOUS_PASSWORD = "jpxe@";

    /** The URI as shown to users: no user or password. */
    String shown() {
        return "ftp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + (port == 21 ? "" : ":" + port)
                + "/" + path;
    }

    static FtpTarget parse(URI uri) throws JpxeException {
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("ftp")) {
            throw invalid(uri, "not an ftp: URI");
        }
        if (uri.isOpaque() || uri.getHost() == null) {
            throw invalid(uri, "no server (expected ftp://server/path)");
        }
        String host = uri.getHost().replaceAll("^\\[|]$", "");
        int port = uri.getPort() == -1 ? 21 : uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isEmpty()) {
            throw invalid(uri, "no file name");
        }
        if (path.indexOf('\r') >= 0 || path.indexOf('\n') >= 0) {
            throw invalid(uri, "the path contains a line break");
        }
        String user = "anonymous";
        String password = ANONYMOUS_PASSWORD;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
            if ((user + password).indexOf('\r') >= 0 || (user + password).indexOf('\n') >= 0) {
                throw invalid(uri, "the user or password contains a line break");
            }
        }
        return new FtpTarget(uri, host, port, user, password, path);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static JpxeException invalid(URI uri, String what) {
        return new JpxeException(Errno.EINVAL, uri + ": " + what);
    }
}
