package io.jpxe.boot.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * iPXE's rule for naming an initrd into the initramfs ({@code core/cpio.c}): when an initrd's
 * command line starts with a path containing a {@code /} ({@code initrd http://x/a.conf /etc/a.conf
 * mode=0600} gives the command line {@code "/etc/a.conf mode=0600"}), the image is preceded by a cpio
 * header that names it. The name ends at the first space. Options, anywhere after a space:
 * <ul>
 * <li>{@code mode=OCTAL} — the file's permissions (default {@code 0644}; the file-type bits of a
 *     regular file are always added);</li>
 * <li>{@code mkdir=N} — also create the {@code N} innermost parent directories (mode {@code 0755}),
 *     {@code mkdir=-1} all of them. As in iPXE, the first path component counts as the root: a
 *     leading {@code /} yields the full tree, a relative name never creates its first directory.</li>
 * </ul>
 * Numbers are read as C's {@code strtoul} reads them (a bad number is 0), so every command line
 * means here what it means to iPXE. An initrd whose command line has no such name is loaded as it
 * is (an existing cpio archive, compressed or not).
 *
 * @param path                the name in the initramfs, as given
 * @param mode                the file's type and permission bits ({@link CpioNewc#MODE_FILE} included)
 * @param entries             the cpio entries to write, parent directories first, the file last
 */
public record InitrdName(String path, int mode, List<Entry> entries) {
    static final int DEFAULT_MODE = 0644;
    static final int DEFAULT_DIR_MODE = 0755;

    /**
     * One cpio entry the name stands for.
     *
     * @param name      the entry's path
     * @param mode      type and permission bits
     * @param directory whether it is one of the created directories (no data) rather than the file
     */
    public record Entry(String name, int mode, boolean directory) {
    }

    public InitrdName {
        entries = List.copyOf(entries);
    }

    /**
     * The name an initrd's command line gives, or empty when the initrd is to be loaded as it is.
     *
     * @param commandLine the image's command line ({@code ""} or {@code null} for none)
     */
    public static Optional<InitrdName> of(String commandLine) {
        if (commandLine == null) {
            return Optional.empty();
        }
        int space = commandLine.indexOf(' ');
        String name = space < 0 ? commandLine : commandLine.substring(0, space);
        long max = name.chars().filter(c -> c == '/').count();
        if (max == 0) {
            return Optional.empty();
        }
        int mode = DEFAULT_MODE;
        String modeArgument = argument(commandLine, "mode=");
        if (modeArgument != null) {
            mode = (int) CNumbers.strtoul(modeArgument, 8);
        }
        long count = 1;
        String mkdirArgument = argument(commandLine, "mkdir=");
        if (mkdirArgument != null) {
            count = (count + CNumbers.strtoul(mkdirArgument, 10)) & 0xFFFF_FFFFL; // iPXE's unsigned int
        }
        if (count == 0) {
            count = 0xFFFF_FFFFL; // mkdir=-1: the full tree
        }
        count = Math.min(count, max);
        List<Entry> entries = new ArrayList<>();
        for (long index = 0; index < count; index++) {
            long depth = max - count + index + 1;
            String entryName = name.substring(0, prefixLength(name, depth));
            entries.add(depth < max
                    ? new Entry(entryName, CpioNewc.MODE_DIR | DEFAULT_DIR_MODE, true)
                    : new Entry(entryName, mode | CpioNewc.MODE_FILE, false));
        }
        return Optional.of(new InitrdName(name, mode | CpioNewc.MODE_FILE, entries));
    }

    /** The length of {@code name} up to (not including) its {@code depth}-th {@code /} after the first. */
    private static int prefixLength(String name, long depth) {
        long remaining = depth;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '/' && remaining-- == 0) {
                return i;
            }
        }
        return name.length();
    }

    /**
     * iPXE's {@code image_argument}: the text after {@code key} where {@code key} starts the command
     * line or follows white space, or {@code null}.
     */
    static String argument(String commandLine, String key) {
        int from = 0;
        while (true) {
            int match = commandLine.indexOf(key, from);
            if (match < 0) {
                return null;
            }
            if (match == 0 || isCSpace(commandLine.charAt(match - 1))) {
                return commandLine.substring(match + key.length());
            }
            from = match + key.length();
        }
    }

    static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
