package io.jpxe.proto.tftp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.embedded.EmbeddedChannel;

/** The alarm on an {@link EmbeddedChannel}'s loop, whose clock only moves when told. */
class DeadlineAlarmTest {
    private final AtomicInteger expiries = new AtomicInteger();
    private EmbeddedChannel channel;
    private DeadlineAlarm alarm;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        alarm = new DeadlineAlarm(channel.eventLoop(), expiries::incrementAndGet);
    }

    private void advanceMillis(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void expiresOnceAtItsDeadline() {
        alarm.arm(TimeUnit.MILLISECONDS.toNanos(10));
        advanceMillis(9);
        assertEquals(0, expiries.get());
        advanceMillis(1);
        assertEquals(1, expiries.get());
        advanceMillis(100);
        assertEquals(1, expiries.get(), "fires once per arming");
    }

    @Test
    void reArmingMovesTheDeadlineWithoutExpiringEarly() {
        alarm.arm(TimeUnit.MILLISECONDS.toNanos(10));
        for (int block = 0; block < 5; block++) { // an answer every 6 ms re-arms it
            advanceMillis(6);
            alarm.arm(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertEquals(0, expiries.get());
        advanceMillis(9);
        assertEquals(0, expiries.get());
        advanceMillis(1);
        assertEquals(1, expiries.get(), "due 10 ms after the last arming");
    }

    @Test
    void aShorterDeadlineIsHonoured() {
        alarm.arm(TimeUnit.MILLISECONDS.toNanos(1000));
        alarm.arm(TimeUnit.MILLISECONDS.toNanos(5));
        advanceMillis(5);
        assertEquals(1, expiries.get());
    }

    @Test
    void disarmedOrClosedNeverExpires() {
        alarm.arm(TimeUnit.MILLISECONDS.toNanos(10));
        alarm.disarm();
        advanceMillis(50);
        alarm.arm(TimeUnit.MILLISECONDS.toNanos(10));
        alarm.close();
        advanceMillis(50);
        assertEquals(0, expiries.get());
        alarm.arm(TimeUnit.MILLISECONDS.toNanos(10));
        advanceMillis(10);
        assertEquals(1, expiries.get(), "usable again after a disarm");
    }
}
