package io.jpxe.proto.http.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One iPXE parameter list as a request uses it ({@code core/params.c}, {@code httpcore.c}): form
 * fields make the request a POST with an {@code application/x-www-form-urlencoded} body; header
 * parameters ({@code param --header}) become request headers.
 *
 * @param params the list's entries in the order they were added
 */
record HttpParams(List<Param> params) {

    /** One {@code param [--header] key value}. */
    record Param(String key, String value, boolean header) {
    }

    /** What a URI's {@code ##params} marker names. */
    record Reference(String name) {
    }

    /** The media type of the body {@link #formBody()} makes. */
    static final String FORM_TYPE = "application/x-www-form-urlencoded";

    HttpParams {
        params = List.copyOf(params);
    }

    /**
     * The parameter list {@code uri} refers to: iPXE writes {@code ##params} (the unnamed list) or
     * {@code ##params=NAME} at the end of a URI, which parses here as a fragment starting with
     * {@code #params}. {@code null} when the URI names none.
     */
    static Reference referencedBy(URI uri) {
        String fragment = uri.getFragment();
        if (fragment == null || !fragment.startsWith("#params")) {
            return null;
        }
        String rest = fragment.substring("#params".length());
        return new Reference(rest.startsWith("=") ? rest.substring(1) : "");
    }

    /** Whether the request must be a POST: at least one form field. */
    boolean hasForm() {
        return params.stream().anyMatch(p -> !p.header());
    }

    /**
     * The form body as iPXE builds it: {@code key=value} pairs joined by {@code &}, each key and
     * value percent-encoded with the strictest URI field rules (every byte outside printable ASCII,
     * space, {@code %} and {@code /#:@?=&+}).
     */
    String formBody() {
        StringBuilder body = new StringBuilder();
        for (Param p : params) {
            if (p.header()) {
                continue;
            }
            if (!body.isEmpty()) {
                body.append('&');
            }
            encode(p.key(), body);
            body.append('=');
            encode(p.value(), body);
        }
        return body.toString();
    }

    /** The header parameters, in order. */
    List<Param> headers() {
        return params.stream().filter(Param::header).toList();
    }

    private static void encode(String text, StringBuilder out) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c <= ' ' || c >= 0x7F || "%/#:@?=&+".indexOf(c) >= 0) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                out.append((char) c);
            }
        }
    }
}
