package io.jpxe.api.script;

import org.osgi.annotation.versioning.ProviderType;

import io.jpxe.api.command.CommandContext;
import io.jpxe.api.console.Console;
import io.jpxe.api.image.Image;

/**
 * The iPXE script language interpreter. Runs scripts and command lines on the calling thread
 * (a script thread; it blocks until they end). Thread-safe: independent runs may proceed on
 * different threads.
 *
 * <p>Statuses are iPXE's: 0 for success, a negative {@link io.jpxe.api.Errno#status()} for a
 * failing command, the positive value given to {@code exit}.
 */
@ProviderType
public interface ScriptEngine {

    /**
     * Runs a script image until its end, {@code exit}, or the first failing line.
     *
     * @param script the script image
     * @param caller the context of the command that ran it ({@code chain}), or {@code null} at top level
     * @return the script's status
     */
    int run(Image script, CommandContext caller);

    /**
     * Runs one command line as the interactive shell does (no labels, {@code goto} fails).
     *
     * @return the line's status
     */
    int execute(String commandLine, Console console);

    /**
     * Runs the interactive shell on {@code console} until {@code exit} or end of input.
     *
     * @return the status given to {@code exit}, or 0 at end of input
     */
    int shell(Console console);

    /**
     * Whether a terminating boot has happened (a boot executor handed the machine over): the
     * caller must stop running anything else.
     */
    boolean terminated();
}
