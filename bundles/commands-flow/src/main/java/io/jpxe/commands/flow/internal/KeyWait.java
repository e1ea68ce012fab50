package io.jpxe.commands.flow.internal;

import java.time.Duration;
import java.util.OptionalInt;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;

/**
 * Waits for a key as iPXE's {@code getkey(timeout)} does, on a console that may have no terminal:
 * the console returns "no key" both when the time is up and at once when input is closed, so a
 * closed input is told apart by the time it took. With a timeout, a closed input simply waits the
 * timeout out (the script behaves as if nobody pressed a key); without one it cancels, instead of
 * waiting forever for a key that cannot come.
 */
final class KeyWait {
    /** Slices of waiting, so Ctrl-C and shutdown are noticed while a long timeout runs. */
    private static final long SLICE_MILLIS = 200;

    private KeyWait() {
    }

    /**
     * @param timeout {@link Duration#ZERO} waits forever
     * @return the key, or empty when the timeout expired
     * @throws JpxeException {@code ECANCELED} on Ctrl-C, or on closed input without a timeout
     */
    static OptionalInt key(CommandContext context, Duration timeout) throws JpxeException {
        boolean forever = timeout.isZero() || timeout.isNegative();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean closed = false;
        while (true) {
            context.checkCancelled();
            long remaining = forever ? SLICE_MILLIS : Math.min(SLICE_MILLIS, millisUntil(deadline));
            if (!forever && remaining <= 0) {
                return OptionalInt.empty();
            }
            if (closed) {
                if (forever) {
                    throw new JpxeException(Errno.ECANCELED, "Input closed while waiting for a key");
                }
                sleep(remaining);
                continue;
            }
            long started = System.nanoTime();
            OptionalInt key = context.console().readKey(Duration.ofMillis(remaining));
            if (key.isPresent()) {
                return key;
            }
            // "no key" long before the wait was up: the input is closed
            closed = (System.nanoTime() - started) / 1_000_000 < remaining / 2;
        }
    }

    static long millisUntil(long deadlineNanos) {
        return Math.max(0, (deadlineNanos - System.nanoTime() + 999_999) / 1_000_000);
    }

    static void sleep(long millis) throws JpxeException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JpxeException(Errno.ECANCELED, "Interrupted");
        }
    }
}
