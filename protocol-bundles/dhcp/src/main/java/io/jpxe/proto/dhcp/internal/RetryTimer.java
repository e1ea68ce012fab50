package io.jpxe.proto.dhcp.internal;

import java.time.Duration;

/**
 * iPXE's retry timer ({@code net/retry.c}): the timeout starts at {@code min} (a quarter second when
 * {@code min} is zero), doubles at each expiry, and the timer fails once the doubled value exceeds
 * {@code max}. Discovery (1 s → 10 s) thus transmits at 0, 1, 3 and 7 s and fails at 15 s.
 * Not thread-safe: one session owns it.
 */
final class RetryTimer {
    private static final long DEFAULT_MIN_NANOS = Duration.ofMillis(250).toNanos();

    private final long maxNanos;
    private long timeoutNanos;
    private long deadline;

    RetryTimer(Duration min, Duration max, long nowNanos) {
        this.maxNanos = max.toNanos();
        this.timeoutNanos = min.isZero() ? DEFAULT_MIN_NANOS : min.toNanos();
        this.deadline = nowNanos + timeoutNanos;
    }

    /** Nanoseconds until the next expiry (0 when already due). */
    long remaining(long nowNanos) {
        return Math.max(0, deadline - nowNanos);
    }

    /**
     * Records an expiry at {@code nowNanos} and restarts the timer.
     *
     * @return {@code true} when the timer has failed (the caller gives up)
     */
    boolean expire(long nowNanos) {
        timeoutNanos <<= 1;
        boolean fail = timeoutNanos > maxNanos;
        if (fail) {
            timeoutNanos = maxNanos;
        }
        deadline = nowNanos + timeoutNanos;
        return fail;
    }
}
