package io.jpxe.images.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * URI parsing and reference resolution as RFC 3986 §5.2 specifies it (Java's {@link URI#resolve}
 * predates RFC 3986 and gets empty paths, bare queries and empty references wrong).
 *
 * <p>Parsing is as lenient as iPXE's {@code parse_uri}: characters a URI may not contain (spaces
 * from an SMBIOS product name, non-ASCII text) are percent-encoded rather than rejected. Stateless.
 */
final class UriResolution {
    private static final String ALLOWED = "-._~:/?#[]@!$&'()*+,;=";

    private UriResolution() {
    }

    /**
     * Parses {@code text} as a URI reference.
     *
     * @throws JpxeException {@code EINVAL} naming the text when it cannot be a URI even so
     */
    static URI parse(String text) throws JpxeException {
        try {
            return new URI(encodeIllegal(text));
        } catch (URISyntaxException e) {
            throw new JpxeException(Errno.EINVAL, "\"" + text + "\": not a URI (" + e.getReason() + ")");
        }
    }

    /**
     * Percent-encodes every character that may not appear in a URI, and every stray {@code %}. A
     * {@code #} after the first one is encoded too, so iPXE's {@code ##params[=name]} suffix stays in
     * the fragment ({@code #params...} once decoded), where the HTTP opener finds its parameter list.
     */
    static String encodeIllegal(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inFragment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.append(c);
            } else if (c == '#' && inFragment) {
                out.append("%23");
            } else if (c < 0x80 && (Character.isLetterOrDigit(c) || ALLOWED.indexOf(c) >= 0)) {
                inFragment |= c == '#';
                out.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /**
     * Resolves {@code reference} against {@code base} (RFC 3986 §5.2.2, strict).
     *
     * @throws JpxeException {@code EINVAL} if the base cannot serve as one (opaque, e.g. {@code urn:x})
     */
    static URI resolve(URI base, URI reference) throws JpxeException {
        if (reference.isAbsolute()) {
            return reference;
        }
        if (base.isOpaque() || !base.isAbsolute()) {
            throw new JpxeException(Errno.EINVAL, "\"" + reference + "\": cannot be resolved against " + base);
        }
        String authority;
        String path;
        String query;
        String refPath = rawPath(reference);
        if (reference.getRawAuthority() != null) {
            authority = reference.getRawAuthority();
            path = removeDotSegments(refPath);
            query = reference.getRawQuery();
        } else {
            authority = base.getRawAuthority();
            if (refPath.isEmpty()) {
                path = rawPath(base);
                query = reference.getRawQuery() != null ? reference.getRawQuery() : base.getRawQuery();
            } else {
                path = removeDotSegments(refPath.startsWith("/") ? refPath : merge(base, refPath));
                query = reference.getRawQuery();
            }
        }
        return withPath(base.getScheme(), authority, path, query, reference.getRawFragment());
    }

    private static String rawPath(URI uri) {
        return uri.getRawPath() == null ? "" : uri.getRawPath();
    }

    private static String merge(URI base, String refPath) {
        String basePath = rawPath(base);
        if (base.getRawAuthority() != null && basePath.isEmpty()) {
            return "/" + refPath;
        }
        return basePath.substring(0, basePath.lastIndexOf('/') + 1) + refPath;
    }

    /** RFC 3986 §5.2.4. */
    static String removeDotSegments(String path) {
        String input = path;
        StringBuilder output = new StringBuilder();
        while (!input.isEmpty()) {
            if (input.startsWith("../")) {
                input = input.substring(3);
            } else if (input.startsWith("./")) {
                input = input.substring(2);
            } else if (input.startsWith("/./")) {
                input = input.substring(2);
            } else if (input.equals("/.")) {
                input = "/";
            } else if (input.startsWith("/../") || input.equals("/..")) {
                input = "/" + input.substring(input.equals("/..") ? 3 : 4);
                int last = output.lastIndexOf("/");
                output.setLength(Math.max(last, 0));
            } else if (input.equals(".") || input.equals("..")) {
                input = "";
            } else {
                int next = input.indexOf('/', input.startsWith("/") ? 1 : 0);
                String segment = next < 0 ? input : input.substring(0, next);
                output.append(segment);
                input = input.substring(segment.length());
            }
        }
        return output.toString();
    }

    private static URI withPath(String scheme, String authority, String path, String query, String fragment)
            throws JpxeException {
        StringBuilder text = new StringBuilder(scheme).append(':');
        if (authority != null) {
            text.append("//").append(authority);
        }
        text.append(path);
        if (query != null) {
            text.append('?').append(query);
        }
        if (fragment != null) {
            text.append('#').append(fragment);
        }
        try {
            return new URI(text.toString());
        } catch (URISyntaxException e) {
            throw new JpxeException(Errno.EINVAL, "\"" + text + "\": not a URI (" + e.getReason() + ")");
        }
    }
}
