package io.jpxe.proto.tftp.internal;

import java.time.Duration;

/**
 * When to retransmit and when to give up, adapted to the measured round-trip time as TCP does
 * (RFC 6298): a smoothed RTT and its variance give the retransmission timeout (RTO), clamped to
 * {@code [min, maxWait]}; each expiry doubles the wait (§5.5) and samples are never taken from an
 * answer to a retransmitted packet (Karn's rule, §3). Unlike a fixed 1 s or 5 s schedule, a LAN
 * with sub-millisecond round trips recovers a lost packet in {@code min} (tens of milliseconds).
 *
 * <p>Before the first sample the wait is {@code initial}. The transfer is given up once the
 * silence since the last answer reaches {@code idleBudget}.
 *
 * <p>Not thread-safe: one per transfer, used on its event loop. Times are in nanoseconds.
 */
final class RetransmissionTimer {

    /** RFC 6298's G: the clock granularity term, so RTTVAR never shrinks the RTO to the bare SRTT. */
    private static final long GRANULARITY_NANOS = Duration.ofMillis(1).toNanos();

    private final long minNanos;
    private final long maxWaitNanos;
    private final long idleBudgetNanos;
    private long smoothedRtt = -1;
    private long rttVariance;
    private long rto;
    private long wait;
    private long silence;
    /** When the packet now awaited was sent, if it was sent once; -1 if it was not (Karn: no sample). */
    private long sentOnceAt = -1;

    /**
     * @throws IllegalArgumentException unless {@code 0 < min <= initial <= maxWait <= idleBudget}
     */
    RetransmissionTimer(Duration initial, Duration min, Duration maxWait, Duration idleBudget) {
        if (min.isNegative() || min.isZero() || initial.compareTo(min) < 0 || maxWait.compareTo(initial) < 0
                || idleBudget.compareTo(maxWait) < 0) {
            throw new IllegalArgumentException("retransmission timeouts must satisfy 0 < min <= initial <= max wait"
                    + " <= idle timeout, got " + min.toMillis() + ", " + initial.toMillis() + ", "
                    + maxWait.toMillis() + " and " + idleBudget.toMillis() + " ms");
        }
        this.minNanos = min.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
        this.idleBudgetNanos = idleBudget.toNanos();
        this.rto = initial.toNanos();
        this.wait = rto;
    }

    /** How long to wait for an answer to what was just sent. */
    Duration timeout() {
        return Duration.ofNanos(wait);
    }

    /** {@link #timeout()} in nanoseconds, without an object per call: lock-step arms it for every block. */
    long timeoutNanos() {
        return wait;
    }

    /**
     * How long after answering a gap in a window a new gap may be answered again: two smoothed round
     * trips (the server's reaction to the first answer has arrived by then), at least the clock
     * granularity; the RTO before any sample.
     */
    long reanswerGapNanos() {
        return smoothedRtt < 0 ? rto : Math.max(GRANULARITY_NANOS, 2 * smoothedRtt);
    }

    /** The current RTO without backoff (for tests and diagnostics). */
    Duration retransmissionTimeout() {
        return Duration.ofNanos(rto);
    }

    /**
     * The wait ran out: doubles it (up to the maximum wait).
     *
     * @return {@code true} to retransmit and wait {@link #timeout()} again, {@code false} to give up
     */
    boolean expired() {
        sentOnceAt = -1; // what is sent next is a retransmission
        silence += wait;
        if (silence >= idleBudgetNanos) {
            return false;
        }
        wait = Math.min(wait * 2, maxWaitNanos);
        return true;
    }

    /** The packet now awaited went out, once, at {@code nanos}: its answer will be a round-trip sample. */
    void sent(long nanos) {
        sentOnceAt = nanos;
    }

    /** The packet now awaited is one that went out before, or none: its answer gives no sample. */
    void sentAgain() {
        sentOnceAt = -1;
    }

    /**
     * The awaited answer arrived at {@code nanos}: a round-trip sample if it answers a packet sent
     * once ({@link #sent}), and the wait starts over either way.
     */
    void answerArrived(long nanos) {
        if (sentOnceAt >= 0) {
            sample(nanos - sentOnceAt);
        } else {
            answered();
        }
        sentOnceAt = -1;
    }

    /** An answer to a packet sent once arrived {@code rttNanos} after it was sent: updates the estimate. */
    void sample(long rttNanos) {
        long rtt = Math.max(0, rttNanos);
        if (smoothedRtt < 0) {
            smoothedRtt = rtt;
            rttVariance = rtt / 2;
        } else {
            rttVariance = (3 * rttVariance + Math.abs(smoothedRtt - rtt)) / 4;
            smoothedRtt = (7 * smoothedRtt + rtt) / 8;
        }
        rto = Math.clamp(smoothedRtt + Math.max(GRANULARITY_NANOS, 4 * rttVariance), minNanos, maxWaitNanos);
        answered();
    }

    /**
     * An answer arrived that gives no sample (it may answer a retransmission): the silence ends and
     * the wait returns to the RTO.
     */
    void answered() {
        wait = rto;
        silence = 0;
    }
}
