package io.jpxe.proto.tftp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetransmissionTimerTest {

    private static RetransmissionTimer defaults() {
        return new RetransmissionTimer(Duration.ofMillis(250), Duration.ofMillis(20), Duration.ofSeconds(4),
                Duration.ofSeconds(15));
    }

    @Test
    void beforeAnySampleDoublesFromTheInitialWaitUpToTheCapThenGivesUpAfterTheIdleBudget() {
        RetransmissionTimer timer = defaults();
        List<Long> waits = new ArrayList<>();
        do {
            waits.add(timer.timeout().toMillis());
        } while (timer.expired());

        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 4000L, 4000L), waits);
        assertTrue(waits.stream().mapToLong(Long::longValue).sum() >= 15_000);
    }

    @Test
    void aLoopbackRoundTripGivesTheMinimumTimeout() {
        RetransmissionTimer timer = defaults();
        for (int i = 0; i < 10; i++) {
            timer.sample(Duration.ofNanos(80_000).toNanos());
        }

        assertEquals(Duration.ofMillis(20), timer.timeout());
    }

    @Test
    void followsRfc6298ForSlowRoundTrips() {
        RetransmissionTimer timer = defaults();
        timer.sample(Duration.ofMillis(100).toNanos());
        // First sample: SRTT = R, RTTVAR = R/2, RTO = SRTT + 4 RTTVAR.
        assertEquals(Duration.ofMillis(300), timer.timeout());

        timer.sample(Duration.ofMillis(200).toNanos());
        // RTTVAR = 3/4 * 50 + 1/4 * |100 - 200| = 62.5; SRTT = 7/8 * 100 + 1/8 * 200 = 112.5.
        assertEquals(Duration.ofMillis(112).plusNanos(500_000).plus(Duration.ofMillis(250)), timer.timeout());
    }

    @Test
    void anAnswerWithoutSampleEndsTheBackoffButKeepsTheEstimate() {
        RetransmissionTimer timer = defaults();
        timer.sample(Duration.ofMillis(100).toNanos());
        timer.expired();
        timer.expired();
        assertEquals(Duration.ofMillis(1200), timer.timeout());

        timer.answered();

        assertEquals(Duration.ofMillis(300), timer.timeout());
        assertEquals(Duration.ofMillis(300), timer.retransmissionTimeout());
    }

    @Test
    void progressRefillsTheIdleBudget() {
        RetransmissionTimer timer = new RetransmissionTimer(Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ofMillis(30));
        for (int round = 0; round < 5; round++) {
            assertTrue(timer.expired());
            assertTrue(timer.expired());
            timer.answered();
        }
        timer.expired();
        timer.expired();
        assertEquals(false, timer.expired());
    }

    @Test
    void rejectsNonsense() {
        Duration ms = Duration.ofMillis(1);
        assertThrows(IllegalArgumentException.class, () -> new RetransmissionTimer(ms, Duration.ZERO, ms, ms));
        assertThrows(IllegalArgumentException.class,
                () -> new RetransmissionTimer(ms, Duration.ofMillis(2), Duration.ofMillis(4), Duration.ofMillis(4)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetransmissionTimer(Duration.ofMillis(5), ms, Duration.ofMillis(4), Duration.ofMillis(4)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetransmissionTimer(ms, ms, Duration.ofMillis(4), Duration.ofMillis(3)));
    }
}
