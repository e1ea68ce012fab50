package io.jpxe.api.command;

import java.util.Objects;

/**
 * One option of a command: {@code -s}/{@code --long}, with or without an argument.
 *
 * @param shortName the short letter, or {@code 0} for none
 * @param longName  the long name without dashes
 * @param argument  the argument's name shown in usage (e.g. {@code "timeout"}), or {@code null}
 *                  for a flag that takes no argument
 */
public record OptionSpec(char shortName, String longName, String argument) {

    public OptionSpec {
        Objects.requireNonNull(longName, "longName");
    }

    /** A flag such as {@code -q/--quiet}. */
    public static OptionSpec flag(char shortName, String longName) {
        return new OptionSpec(shortName, longName, null);
    }

    /** An option taking a value such as {@code -t/--timeout <timeout>}. */
    public static OptionSpec value(char shortName, String longName, String argument) {
        return new OptionSpec(shortName, longName, argument);
    }

    /** Whether the option takes an argument. */
    public boolean takesArgument() {
        return argument != null;
    }
}
