package io.jpxe.console.internal;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Switches a real terminal between line-buffered and key-at-a-time input with {@code stty}, so that
 * {@code prompt} and menus see single key presses. Does nothing when there is no terminal.
 * Best effort: if {@code stty} is missing, keys arrive line by line.
 */
class TerminalMode {
    /** A mode for consoles without a terminal. */
    static final TerminalMode NONE = new TerminalMode(false);

    private final boolean enabled;
    private boolean raw;

    TerminalMode(boolean enabled) {
        this.enabled = enabled;
    }

    synchronized void enterKeyMode() {
        if (enabled && !raw) {
            raw = stty("-icanon", "-echo", "min", "1");
        }
    }

    synchronized void leaveKeyMode() {
        if (enabled && raw) {
            stty("icanon", "echo");
            raw = false;
        }
    }

    private static boolean stty(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "stty";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        try {
            Process p = new ProcessBuilder(command).redirectInput(new File("/dev/tty"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
