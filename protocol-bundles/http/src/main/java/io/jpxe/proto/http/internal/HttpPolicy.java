package io.jpxe.proto.http.internal;

import java.time.Duration;

/**
 * The limits one fetch works within: how many redirects, resumes after a broken connection and
 * {@code Retry-After} waits it accepts, the longest such wait, the most bytes a body may have, and
 * the {@code User-Agent}.
 */
record HttpPolicy(int maxRedirects, int maxResumes, int maxRetries, Duration maxRetryAfter, long maxBodyBytes,
        String userAgent) {

    HttpPolicy {
        if (maxRedirects < 0 || maxResumes < 0 || maxRetries < 0 || maxRetryAfter.isNegative() || maxBodyBytes < 1) {
            throw new IllegalArgumentException("HTTP limits must not be negative");
        }
    }

    static HttpPolicy defaults() {
        return new HttpPolicy(10, 5, 3, Duration.ofSeconds(60), 1L << 40, "jPXE/0.1 (iPXE compatible)");
    }
}
