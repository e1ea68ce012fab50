package io.jpxe.api.console;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import org.osgi.annotation.versioning.ProviderType;

import io.jpxe.api.JpxeException;

/**
 * The loader's console. Script output ({@code echo}) goes to {@link #out()}; diagnostics, errors and
 * progress go to {@link #err()}. When there is no terminal the console works in line mode and
 * behaves the same (timeouts still expire; a closed input acts as "no key").
 *
 * <p>Thread-safe: output may be written from any thread; input is read by one script thread at a time.
 */
@ProviderType
public interface Console {

    /** Standard output: what scripts print. */
    PrintStream out();

    /** Diagnostics: errors, warnings, progress. */
    PrintStream err();

    /** Whether a real terminal is attached (progress bars, menus with arrow keys). */
    boolean isInteractive();

    /**
     * Waits for one key press.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} waits forever
     * @return the key (a character, or a {@link Keys} code), or empty on timeout or closed input
     * @throws JpxeException {@code ECANCELED} on Ctrl-C
     */
    OptionalInt readKey(Duration timeout) throws JpxeException;

    /**
     * Reads one line with editing, pre-filled with {@code initial}.
     *
     * @param prompt  text shown before the input
     * @param initial initial contents of the line
     * @param timeout time allowed until the first key press; {@link Duration#ZERO} waits forever
     * @return the line, or empty if input is closed
     * @throws JpxeException {@code ECANCELED} on Ctrl-C, {@code ETIMEDOUT} when no key came in time
     */
    Optional<String> readLine(String prompt, String initial, Duration timeout) throws JpxeException;

    /**
     * Starts reporting progress of one transfer: a bar with rate and ETA on a terminal, iPXE's
     * {@code "<label>... ok"} line otherwise.
     *
     * @param label    what is being transferred (usually the URI)
     * @param expected the expected size in bytes, or {@code -1} if unknown
     */
    Progress progress(String label, long expected);

    /**
     * Whether the user asked to interrupt (Ctrl-C, or {@code SIGINT} to the process) since the last
     * call, clearing the request. The script engine polls it between lines and in
     * {@code CommandContext.checkCancelled()}, so a runaway {@code goto} loop can be stopped.
     * Callable from any thread; never blocks.
     *
     * @since 1.1
     */
    default boolean consumeInterrupt() {
        return false;
    }

    /** Special key codes returned by {@link Console#readKey}. */
    final class Keys {
        public static final int CTRL_B = 0x02;
        public static final int CTRL_C = 0x03;
        public static final int ENTER = '\r';
        public static final int ESC = 0x1b;
        public static final int UP = 0x1001;
        public static final int DOWN = 0x1002;
        public static final int RIGHT = 0x1003;
        public static final int LEFT = 0x1004;
        public static final int HOME = 0x1005;
        public static final int END = 0x1006;
        public static final int PAGE_UP = 0x1007;
        public static final int PAGE_DOWN = 0x1008;

        private Keys() {
        }
    }
}
