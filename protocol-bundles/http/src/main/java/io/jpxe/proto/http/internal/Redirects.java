package io.jpxe.proto.http.internal;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * The redirects of one fetch: each {@code Location} is resolved against the URI that sent it, a URI
 * already visited is a loop (named in the error), more than the policy's count is too many, and the
 * URI's {@code user:password@} carries over to the same origin only.
 *
 * <p>Not thread-safe: one per fetch, used on its event loop.
 */
final class Redirects {
    private final URI original;
    private final int max;
    private final Set<URI> visited = new HashSet<>();
    private int followed;

    Redirects(URI original, int max) {
        this.original = original;
        this.max = max;
        visited.add(original);
    }

    /**
     * Where a redirect sends the request that went to {@code from}.
     *
     * @param status   the response's status code, for the error without a Location
     * @param location the response's {@code Location}, or {@code null}
     * @throws JpxeException {@code EIO} without a Location, for a loop, too many redirects or an unusable
     *                       URI; {@code EPROTO} for a Location that is no URI
     */
    HttpTarget follow(HttpTarget from, int status, String location) throws JpxeException {
        if (location == null || location.isBlank()) {
            throw new JpxeException(Errno.EIO, from.shown() + ": HTTP " + status + " without a Location");
        }
        URI next;
        try {
            next = from.uri().resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new JpxeException(Errno.EPROTO, from.shown() + ": redirect to an invalid Location \"" + location
                    + "\"");
        }
        if (!visited.add(next)) {
            throw new JpxeException(Errno.EIO, original + ": redirect loop: " + from.shown() + " sends back to " + next);
        }
        if (++followed > max) {
            throw new JpxeException(Errno.EIO, original + ": more than " + max + " redirects");
        }
        HttpTarget target;
        try {
            target = HttpTarget.parse(next);
        } catch (JpxeException e) {
            throw new JpxeException(Errno.EIO, from.shown() + ": redirect to an unusable URI: " + e.getMessage());
        }
        if (!target.hasCredentials() && from.hasCredentials() && target.origin().equals(from.origin())) {
            target = new HttpTarget(next, target.secure(), target.host(), target.port(), target.requestTarget(),
                    from.user(), from.password());
        }
        return target;
    }
}
