package io.jpxe.api.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * A command's syntax and the one option parser every command shares, matching iPXE's
 * {@code getopt_long} + {@code parse_options}:
 *
 * <ul>
 * <li>options come before positional arguments; parsing stops at the first argument that does not
 * start with {@code -}, or after {@code --};</li>
 * <li>long options {@code --name} and {@code --name=value}, exact names only; short options
 * {@code -n value}, {@code -nvalue}, bundled flags {@code -ab}; a separate-word option argument may
 * not start with {@code -}; a bare {@code -} is an unrecognised option;</li>
 * <li>{@code -h/--help} prints the usage and fails with {@code ECANCELED};</li>
 * <li>an unknown option or a missing option argument fails with {@code EINVAL}, a wrong number of
 * positional arguments with {@code ERANGE}, each followed by the usage block.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe once built.
 */
public final class CommandSyntax {
    /** No upper limit on positional arguments. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private static final OptionSpec HELP = OptionSpec.flag('h', "help");

    private final String name;
    private final String usage;
    private final List<OptionSpec> options;
    private final int minArguments;
    private final int maxArguments;
    private final String summary;

    private CommandSyntax(Builder b) {
        this.name = b.name;
        this.usage = b.usage;
        this.options = List.copyOf(b.options);
        this.minArguments = b.minArguments;
        this.maxArguments = b.maxArguments;
        this.summary = b.summary;
    }

    /** Starts the syntax of command {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** The usage text after the command name, e.g. {@code "[--name <name>] <uri|image> [<arguments>...]"}. */
    public String usage() {
        return usage;
    }

    /** One line saying what the command does, for {@code help}. */
    public String summary() {
        return summary;
    }

    public List<OptionSpec> options() {
        return options;
    }

    public int minArguments() {
        return minArguments;
    }

    public int maxArguments() {
        return maxArguments;
    }

    /** iPXE's usage block for {@code commandName} as typed. */
    public String usageText(String commandName) {
        return "Usage:\n\n  " + commandName + (usage.isEmpty() ? "" : " " + usage)
                + "\n\nSee https://ipxe.org/cmd/" + commandName + " for further information";
    }

    /**
     * Parses {@code argv} ({@code argv[0]} is the command name).
     *
     * @throws CommandSyntaxException with iPXE's messages when the line does not match
     */
    public ParsedCommand parse(List<String> argv) throws CommandSyntaxException {
        String cmd = argv.isEmpty() ? name : argv.get(0);
        Map<String, String> values = new LinkedHashMap<>();
        int index = 1;
        while (index < argv.size()) {
            String word = argv.get(index);
            if (word.equals("--")) {
                index++;
                break;
            }
            if (!word.startsWith("-")) {
                break;
            }
            index++;
            if (word.startsWith("--")) {
                String text = word.substring(2);
                int eq = text.indexOf('=');
                String longName = eq < 0 ? text : text.substring(0, eq);
                OptionSpec spec = byLong(longName);
                if (spec == null) {
                    throw syntax(Errno.EINVAL, "Unrecognised option \"--" + longName + "\"", cmd);
                }
                String value = null;
                if (spec.takesArgument()) {
                    if (eq >= 0) {
                        value = text.substring(eq + 1);
                    } else if (index < argv.size() && !argv.get(index).startsWith("-")) {
                        value = argv.get(index++);
                    } else {
                        throw syntax(Errno.EINVAL, "Option \"--" + longName + "\" requires an argument", cmd);
                    }
                } else if (eq >= 0) {
                    throw syntax(Errno.EINVAL, "Option \"--" + longName + "\" takes no argument", cmd);
                }
                record(spec, value, values, cmd);
            } else {
                if (word.length() == 1) {
                    throw syntax(Errno.EINVAL, "Unrecognised option \"-\"", cmd);
                }
                for (int i = 1; i < word.length(); i++) {
                    char c = word.charAt(i);
                    OptionSpec spec = byShort(c);
                    if (spec == null) {
                        throw syntax(Errno.EINVAL, "Unrecognised option \"-" + c + "\"", cmd);
                    }
                    String value = null;
                    if (spec.takesArgument()) {
                        if (i + 1 < word.length()) {
                            value = word.substring(i + 1);
                        } else if (index < argv.size() && !argv.get(index).startsWith("-")) {
                            value = argv.get(index++);
                        } else {
                            throw syntax(Errno.EINVAL, "Option \"-" + c + "\" requires an argument", cmd);
                        }
                        record(spec, value, values, cmd);
                        break;
                    }
                    record(spec, null, values, cmd);
                }
            }
        }
        List<String> arguments = new ArrayList<>(argv.subList(Math.min(index, argv.size()), argv.size()));
        if (arguments.size() < minArguments || arguments.size() > maxArguments) {
            throw new CommandSyntaxException(Errno.ERANGE, usageText(cmd));
        }
        return new ParsedCommand(cmd, values, arguments);
    }

    private void record(OptionSpec spec, String value, Map<String, String> values, String cmd)
            throws CommandSyntaxException {
        if (spec == HELP) {
            throw new CommandSyntaxException(Errno.ECANCELED, usageText(cmd));
        }
        values.put(spec.longName(), value == null ? "" : value);
    }

    private CommandSyntaxException syntax(Errno errno, String problem, String cmd) {
        return new CommandSyntaxException(errno, problem + "\n" + usageText(cmd));
    }

    private OptionSpec byLong(String longName) {
        if (longName.equals(HELP.longName())) {
            return HELP;
        }
        for (OptionSpec o : options) {
            if (o.longName().equals(longName)) {
                return o;
            }
        }
        return null;
    }

    private OptionSpec byShort(char c) {
        if (c == HELP.shortName()) {
            return HELP;
        }
        for (OptionSpec o : options) {
            if (o.shortName() == c) {
                return o;
            }
        }
        return null;
    }

    /**
     * Parses an integer as iPXE does ({@code strtoul(text, &end, 0)} then a check that the whole text
     * was used): decimal, {@code 0x} hex, leading-{@code 0} octal, optional leading whitespace and
     * sign; the result is truncated to 32 unsigned bits like iPXE's {@code unsigned int}.
     *
     * @throws JpxeException {@code EINVAL} with iPXE's message {@code "<text>": invalid integer value}
     */
    public static long parseInteger(String text) throws JpxeException {
        Objects.requireNonNull(text, "text");
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < n && text.charAt(i) == '0' && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && text.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        long value = 0;
        while (i < n && Character.digit(text.charAt(i), radix) >= 0) {
            value = value * radix + Character.digit(text.charAt(i), radix);
            if (value > 0xFFFF_FFFFL) {
                value = 0xFFFF_FFFFL + 1; // saturate like strtoul (ULONG_MAX), truncated below
            }
            i++;
        }
        if (text.isEmpty() || i == start || i != n) {
            throw new CommandSyntaxException(Errno.EINVAL, "\"" + text + "\": invalid integer value");
        }
        if (value > 0xFFFF_FFFFL) {
            value = 0xFFFF_FFFFL;
        }
        return (negative ? -value : value) & 0xFFFF_FFFFL;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    /** Builds a {@link CommandSyntax}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String usage = "";
        private String summary = "";
        private final List<OptionSpec> options = new ArrayList<>();
        private int minArguments;
        private int maxArguments;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Adds an option. */
        public Builder option(OptionSpec option) {
            options.add(option);
            return this;
        }

        /** Sets the allowed number of positional arguments ({@link CommandSyntax#UNLIMITED} for no limit). */
        public Builder arguments(int min, int max) {
            this.minArguments = min;
            this.maxArguments = max;
            return this;
        }

        /** Sets the usage text shown after the command name. */
        public Builder usage(String usage) {
            this.usage = Objects.requireNonNull(usage, "usage");
            return this;
        }

        /** Sets the one-line summary shown by {@code help}. */
        public Builder summary(String summary) {
            this.summary = Objects.requireNonNull(summary, "summary");
            return this;
        }

        public CommandSyntax build() {
            return new CommandSyntax(this);
        }
    }
}
