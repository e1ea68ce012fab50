package io.jpxe.console.internal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.jpxe.api.console.Console;

/**
 * The loader's console on the process's standard streams: output on {@code System.out}, diagnostics
 * and progress on {@code System.err} (both UTF-8, autoflush), input from {@code System.in}. It is
 * interactive when the JVM has a terminal ({@code System.console().isTerminal()}).
 */
@Component(service = Console.class)
public final class SystemConsole extends StreamConsole {

    public SystemConsole() {
        this(hasTerminal());
    }

    private SystemConsole(boolean terminal) {
        super(System.in, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8), terminal,
                terminal ? new TerminalMode(true) : TerminalMode.NONE);
    }

    private static boolean hasTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
