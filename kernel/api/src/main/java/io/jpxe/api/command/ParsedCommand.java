package io.jpxe.api.command;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * A command line after option parsing: the options given (by long name) and the positional
 * arguments in order. Immutable; produced by {@link CommandSyntax#parse(List)}.
 *
 * @param name      the command name as typed ({@code argv[0]})
 * @param options   option values by long name; flags map to the empty string
 * @param arguments the positional arguments
 */
public record ParsedCommand(String name, Map<String, String> options, List<String> arguments) {

    public ParsedCommand {
        options = Map.copyOf(options);
        arguments = List.copyOf(arguments);
    }

    /** Whether the option (by long name) was given. */
    public boolean has(String longName) {
        return options.containsKey(longName);
    }

    /** The value of an option that takes an argument, if given. */
    public Optional<String> value(String longName) {
        return Optional.ofNullable(options.get(longName));
    }

    /** Positional argument {@code index}. */
    public String argument(int index) {
        return arguments.get(index);
    }

    /** The positional arguments from {@code from} on, joined by single spaces (iPXE's concat_args). */
    public String joinArguments(int from) {
        return from >= arguments.size() ? "" : String.join(" ", arguments.subList(from, arguments.size()));
    }

    /**
     * An integer option, parsed as iPXE's {@code parse_integer} does.
     *
     * @throws JpxeException {@code EINVAL} with iPXE's message if the value is not an integer
     */
    public long integer(String longName, long defaultValue) throws JpxeException {
        String text = options.get(longName);
        return text == null ? defaultValue : CommandSyntax.parseInteger(text);
    }

    /**
     * A timeout option in milliseconds (iPXE's {@code parse_timeout}); {@code defaultValue} when absent.
     *
     * @throws JpxeException {@code EINVAL} if the value is not an integer
     */
    public Duration timeout(String longName, Duration defaultValue) throws JpxeException {
        String text = options.get(longName);
        return text == null ? defaultValue : Duration.ofMillis(CommandSyntax.parseInteger(text));
    }

    /** Fails with {@code EINVAL}: used by commands that reject a value with iPXE's wording. */
    public static JpxeException invalid(String what, String text) {
        return new JpxeException(Errno.EINVAL, "\"" + text + "\": invalid " + what);
    }
}
