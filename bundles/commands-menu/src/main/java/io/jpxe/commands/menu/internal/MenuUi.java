package io.jpxe.commands.menu.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.StatusException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.console.Console;

/**
 * Shows a menu and lets the user choose, with iPXE's rules ({@code hci/tui/menu_ui.c}): the initial
 * highlight is the {@code --default} label, else the last item flagged default, else the first
 * selectable one; arrows, Page Up/Down, Home/End move over selectable items; Enter chooses; a
 * shortcut key jumps to the next item with that key (wrapping) and chooses it if it is selectable;
 * Esc or Ctrl-C cancel; when the timeout expires the highlighted item is chosen, and any key press
 * restarts the countdown from {@code retimeout} (0 = no more timeout).
 *
 * <p>On a terminal the menu is drawn full-screen with the highlighted row in reverse video and the
 * seconds left shown on it; without a terminal it is printed once as text and every move prints the
 * new highlight. A closed input behaves as a user who presses nothing: the timeout (if any) runs out
 * and chooses, without one the menu is cancelled. Used by one script thread.
 */
final class MenuUi {
    private static final int PAGE = 10;
    private static final int WIDTH = 80;

    private final CommandContext context;
    private final DynUi menu;
    private final List<DynUi.Item> items;
    private final PrintStream out;
    private final boolean terminal;
    private int current;
    /** Whether a running countdown reached zero. */
    private boolean expired;
    /** Whether the line-mode menu text was printed. */
    private boolean drawn;

    MenuUi(CommandContext context, DynUi menu) {
        this.context = context;
        this.menu = menu;
        this.items = menu.items();
        this.out = context.console().out();
        this.terminal = context.console().isInteractive();
    }

    /**
     * @param select    the label to highlight first, or null
     * @param timeout   time until the highlighted item is chosen; zero = no timeout
     * @param retimeout the timeout after a key press; zero = none
     * @return the chosen item
     * @throws JpxeException {@code ENOENT} for a menu without selectable items, {@code ECANCELED} on Esc/Ctrl-C
     */
    DynUi.Item choose(String select, Duration timeout, Duration retimeout) throws JpxeException {
        if (items.stream().noneMatch(DynUi.Item::selectable)) {
            throw new JpxeException(Errno.ENOENT, "menu has no selectable items");
        }
        current = initial(select);
        long remaining = timeout.toMillis();
        boolean closed = false;
        drawAll(remaining);
        try {
            while (true) {
                long slice = remaining > 0 ? Math.min(remaining, Keys.SLICE_MILLIS) : Keys.SLICE_MILLIS;
                if (closed) {
                    if (remaining <= 0) {
                        throw new JpxeException(Errno.ECANCELED, "Input closed");
                    }
                    Keys.sleep(slice);
                    remaining = tick(remaining, slice);
                } else {
                    long started = System.nanoTime();
                    OptionalInt key = Keys.next(context, slice);
                    if (key.isPresent() && key.getAsInt() == -1) {
                        closed = true;
                        continue;
                    }
                    if (key.isEmpty()) {
                        remaining = tick(remaining, (System.nanoTime() - started) / 1_000_000);
                    } else {
                        remaining = retimeout.toMillis();
                        if (handle(key.getAsInt())) {
                            return items.get(current);
                        }
                        drawAll(remaining);
                    }
                }
                if (expired) {
                    return items.get(current);
                }
            }
        } finally {
            if (terminal) {
                out.print("\033[0m\033[2J\033[H");
                out.flush();
            }
        }
    }


    /** Counts {@code elapsed} off a running timeout; redraws when the shown second changes. */
    private long tick(long remaining, long elapsed) {
        if (remaining <= 0) {
            return remaining;
        }
        long left = Math.max(0, remaining - elapsed);
        if (left == 0) {
            expired = true;
        } else if (terminal && seconds(left) != seconds(remaining)) {
            drawAll(left);
        }
        return left;
    }

    /** Handles one key; true when an item was chosen. */
    private boolean handle(int key) throws JpxeException {
        switch (key) {
            case Console.Keys.UP -> move(-1, 1);
            case Console.Keys.DOWN -> move(1, 1);
            case Console.Keys.PAGE_UP -> move(-1, PAGE);
            case Console.Keys.PAGE_DOWN -> move(1, PAGE);
            case Console.Keys.HOME -> move(-1, items.size());
            case Console.Keys.END -> move(1, items.size());
            case Console.Keys.ENTER, '\n' -> {
                return items.get(current).selectable();
            }
            // silent, as in iPXE: the status says it all (script idiom: choose x || goto cancelled)
            case Console.Keys.ESC, Console.Keys.CTRL_C -> throw new StatusException(Errno.ECANCELED.status(),
                    "menu cancelled");
            default -> {
                return shortcut(key);
            }
        }
        return false;
    }

    private boolean shortcut(int key) {
        for (int step = 0; step < items.size(); step++) {
            int i = (current + step) % items.size();
            if (items.get(i).shortcut() != 0 && items.get(i).shortcut() == key) {
                current = i;
                if (items.get(i).selectable()) {
                    return true;
                }
                move(1, 1);
                return false;
            }
        }
        return false;
    }

    /** Moves up to {@code count} selectable items in {@code direction}, stopping at the ends. */
    private void move(int direction, int count) {
        for (int moved = 0; moved < count; moved++) {
            int i = current + direction;
            while (i >= 0 && i < items.size() && !items.get(i).selectable()) {
                i += direction;
            }
            if (i < 0 || i >= items.size()) {
                return;
            }
            current = i;
        }
    }

    private int initial(String select) {
        int chosen = -1;
        for (int i = 0; i < items.size(); i++) {
            DynUi.Item item = items.get(i);
            if (select != null ? select.equals(item.name()) && chosen < 0 : item.isDefault()) {
                chosen = i;
            }
        }
        if (chosen < 0 || !items.get(chosen).selectable()) {
            chosen = 0;
            while (!items.get(chosen).selectable()) {
                chosen++;
            }
        }
        return chosen;
    }

    private static long seconds(long millis) {
        return (millis + 999) / 1000;
    }


    private void drawAll(long remaining) {
        if (terminal) {
            drawScreen(remaining);
        } else if (!drawn) {
            out.println(menu.title());
            for (int i = 0; i < items.size(); i++) {
                out.println(lineText(items.get(i)));
            }
            out.println(remaining > 0 ? "Selected: " + items.get(current).text() + " (" + seconds(remaining) + ")"
                    : "Selected: " + items.get(current).text());
        } else {
            out.println("Selected: " + items.get(current).text());
        }
        drawn = true;
        out.flush();
    }

    private void drawScreen(long remaining) {
        StringBuilder s = new StringBuilder("\033[2J\033[H");
        String title = menu.title();
        s.append(" ".repeat(Math.max(0, (WIDTH - title.length()) / 2))).append("\033[1m").append(title)
                .append("\033[0m\r\n\r\n");
        for (int i = 0; i < items.size(); i++) {
            String text = lineText(items.get(i));
            if (i == current) {
                String countdown = remaining > 0 ? "(" + seconds(remaining) + ")" : "";
                int pad = Math.max(1, WIDTH - 2 - text.length() - countdown.length());
                s.append("\033[7m").append(text).append(" ".repeat(pad)).append(countdown).append("\033[0m");
            } else {
                s.append(text);
            }
            s.append("\r\n");
        }
        out.print(s);
    }

    private static String lineText(DynUi.Item item) {
        return item.selectable() ? "  " + item.text() : item.text();
    }
}
