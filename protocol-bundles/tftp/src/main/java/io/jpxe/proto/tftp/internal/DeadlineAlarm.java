package io.jpxe.proto.tftp.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;

/**
 * A retransmission alarm that is re-armed for every packet without touching the event loop's
 * scheduler each time: arming only moves a deadline, and the one scheduled task, when it fires
 * early, re-schedules itself for what is left. A lock-step transfer re-arms it every block; a
 * cancel and a schedule per block (a task object and queue work, and with epoll a timer system call
 * whenever the loop's next deadline changes) were a measurable part of each round trip.
 *
 * <p>Not thread-safe: used on its event loop only.
 */
final class DeadlineAlarm {
    private static final long NONE = Long.MIN_VALUE;

    private final EventExecutor executor;
    private final Runnable onExpiry;
    /** When {@link #onExpiry} is due ({@link EventExecutor#ticker()} time), or {@link #NONE}. */
    private long deadline = NONE;
    /** The scheduled task and when it fires; it may fire before {@link #deadline}. */
    private ScheduledFuture<?> task;
    private long taskFiresAt;

    DeadlineAlarm(EventExecutor executor, Runnable onExpiry) {
        this.executor = executor;
        this.onExpiry = onExpiry;
    }

    /** Runs {@code onExpiry} {@code delayNanos} from now unless re-armed or disarmed before. */
    void arm(long delayNanos) {
        deadline = now() + delayNanos;
        if (task == null || taskFiresAt > deadline) {
            cancelTask(); // due earlier than the task fires: only then is the scheduler touched
            schedule(delayNanos);
        }
    }

    /** No expiry until armed again; the scheduled task, if any, fires and finds nothing due. */
    void disarm() {
        deadline = NONE;
    }

    /** Disarms and drops the scheduled task (the transfer ended: nothing may keep it alive). */
    void close() {
        deadline = NONE;
        cancelTask();
    }

    private void fire() {
        task = null;
        if (deadline == NONE) {
            return;
        }
        long left = deadline - now();
        if (left > 0) {
            schedule(left);
            return;
        }
        deadline = NONE;
        onExpiry.run();
    }

    private void schedule(long delayNanos) {
        taskFiresAt = now() + delayNanos;
        task = executor.schedule(this::fire, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void cancelTask() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private long now() {
        return executor.ticker().nanoTime();
    }
}
