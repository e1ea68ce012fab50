package io.jpxe.commands.menu.internal;

import java.time.Duration;
import java.util.OptionalInt;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;

/** Key parsing and key waiting shared by the menu and form commands. */
final class Keys {
    /** Longest single wait, so Ctrl-C, shutdown and the countdown are served while waiting. */
    static final long SLICE_MILLIS = 250;

    private Keys() {
    }

    /** iPXE's {@code parse_key}: one character is that key, anything else an integer key code. */
    static int parse(String text) throws JpxeException {
        return text.length() == 1 ? text.charAt(0) : (int) CommandSyntax.parseInteger(text);
    }

    /**
     * One slice of waiting for a key.
     *
     * @return the key, empty when the slice ended without one, or {@code -1} when the input is closed
     *         (the console answered "no key" long before the slice was over)
     */
    static OptionalInt next(CommandContext context, long sliceMillis) throws JpxeException {
        context.checkCancelled();
        long started = System.nanoTime();
        OptionalInt key = context.console().readKey(Duration.ofMillis(Math.max(1, sliceMillis)));
        if (key.isEmpty() && (System.nanoTime() - started) / 1_000_000 < sliceMillis / 2) {
            return OptionalInt.of(-1);
        }
        return key;
    }

    static void sleep(long millis) throws JpxeException {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JpxeException(Errno.ECANCELED, "Interrupted");
        }
    }
}
