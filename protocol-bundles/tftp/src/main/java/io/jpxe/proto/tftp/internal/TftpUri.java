package io.jpxe.proto.tftp.internal;

import java.net.URI;
import java.util.Locale;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * What a {@code tftp://host[:port]/path} URI asks for (RFC 3617 without its {@code ;mode=}): the
 * server's host (name or IP literal, brackets removed), its port (69 by default) and the file name,
 * which is the percent-decoded path without its leading {@code /}, as iPXE sends it.
 */
record TftpUri(URI uri, String host, int port, String filename) {

    static final int DEFAULT_PORT = 69;

    /**
     * @throws JpxeException {@code EINVAL} naming the URI and what is wrong with it
     */
    static TftpUri parse(URI uri) throws JpxeException {
        return parse(uri, "tftp", DEFAULT_PORT);
    }

    /**
     * The same for the TFTP family's other schemes ({@code tftm}, {@code mtftp}), whose server
     * listens on {@code defaultPort} unless the URI names a port.
     *
     * @throws JpxeException {@code EINVAL} naming the URI and what is wrong with it
     */
    static TftpUri parse(URI uri, String scheme, int defaultPort) throws JpxeException {
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals(scheme)) {
            throw invalid(uri, "not a " + scheme + ": URI");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            throw invalid(uri, "no server (expected " + scheme + "://server/file)");
        }
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null) {
            // java.net.URI rejects some real host names (underscores): take the authority apart ourselves.
            String authority = uri.getRawAuthority();
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? -1 : parsePort(uri, authority.substring(colon + 1));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw invalid(uri, "no server (expected " + scheme + "://server/file)");
        }
        if (port == -1) {
            port = defaultPort;
        } else if (port < 1 || port > 65535) {
            throw invalid(uri, "port " + port + " is outside 1..65535");
        }
        String path = uri.getPath();
        String filename = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        if (filename.isEmpty()) {
            throw invalid(uri, "no file name");
        }
        if (filename.indexOf('\0') >= 0) {
            throw invalid(uri, "file name contains a NUL character");
        }
        return new TftpUri(uri, host, port, filename);
    }

    private static int parsePort(URI uri, String text) throws JpxeException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(uri, "port \"" + text + "\" is not a number");
        }
    }

    private static JpxeException invalid(URI uri, String what) {
        return new JpxeException(Errno.EINVAL, uri + ": " + what);
    }
}
