package io.jpxe.proto.http.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Authorization} header for a 401's challenge (RFC 7617 Basic, RFC 7616 Digest with MD5
 * or SHA-256, {@code qop=auth} or none), as iPXE's {@code httpbasic.c}/{@code httpdigest.c}.
 * Digest is preferred when offered. Stateless.
 */
final class HttpAuth {

    private HttpAuth() {
    }

    /**
     * @param challenges every {@code WWW-Authenticate} value
     * @param cnonce     the client nonce (random per request)
     * @return the header value, or {@code null} when no challenge is Basic or a usable Digest
     */
    static String authorization(List<String> challenges, String method, String requestTarget, String user,
            String password, String cnonce) {
        String basic = null;
        for (String challenge : challenges) {
            String lower = challenge.strip().toLowerCase(Locale.ROOT);
            if (lower.startsWith("digest ")) {
                String digest = digest(parameters(challenge.strip().substring(7)), method, requestTarget, user,
                        password, cnonce);
                if (digest != null) {
                    return digest;
                }
            } else if (lower.equals("basic") || lower.startsWith("basic ")) {
                basic = basic(user, password);
            }
        }
        return basic;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(Map<String, String> p, String method, String uri, String user, String password,
            String cnonce) {
        String realm = p.get("realm");
        String nonce = p.get("nonce");
        String algorithm = p.getOrDefault("algorithm", "MD5");
        String hash = switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "MD5" -> "MD5";
            case "SHA-256" -> "SHA-256";
            default -> null;
        };
        if (realm == null || nonce == null || hash == null) {
            return null;
        }
        boolean qopAuth = p.containsKey("qop")
                && List.of(p.get("qop").toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth");
        String ha1 = hex(hash, user + ":" + realm + ":" + password);
        String ha2 = hex(hash, method + ":" + uri);
        String nc = "00000001";
        String response = qopAuth ? hex(hash, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : hex(hash, ha1 + ":" + nonce + ":" + ha2);
        StringBuilder h = new StringBuilder("Digest username=\"").append(quote(user))
                .append("\", realm=\"").append(quote(realm))
                .append("\", nonce=\"").append(quote(nonce))
                .append("\", uri=\"").append(quote(uri))
                .append("\", algorithm=").append(algorithm)
                .append(", response=\"").append(response).append('"');
        if (qopAuth) {
            h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        }
        if (p.containsKey("opaque")) {
            h.append(", opaque=\"").append(quote(p.get("opaque"))).append('"');
        }
        return h.toString();
    }

    /** {@code name=value} or {@code name="quoted, value"} pairs separated by commas; names lower case. */
    static Map<String, String> parameters(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            params.put(name, value.toString().strip());
        }
        return params;
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
