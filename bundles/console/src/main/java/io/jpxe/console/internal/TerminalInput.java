package io.jpxe.console.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import io.jpxe.api.JpxeException;

/** Key and line input on a real terminal (see {@link JLineTerminal}); the contracts are {@link io.jpxe.api.console.Console}'s. */
interface TerminalInput extends AutoCloseable {
    OptionalInt readKey(Duration timeout) throws JpxeException;

    Optional<String> readLine(String prompt, String initial, Duration timeout) throws JpxeException;

    @Override
    void close();
}
