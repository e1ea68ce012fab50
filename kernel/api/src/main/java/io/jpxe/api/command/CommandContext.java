package io.jpxe.api.command;

import java.net.URI;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.jpxe.api.JpxeException;
import io.jpxe.api.console.Console;
import io.jpxe.api.image.Image;

/**
 * What a running command may see and change besides its arguments.
 *
 * <p>Provided by the script engine for one invocation; valid only during
 * {@link Command#execute}, and only on the thread that called it.
 */
@ProviderType
public interface CommandContext {

    /** The console for output, diagnostics and input. */
    Console console();

    /**
     * The URI of the script this command line belongs to, or empty at the interactive shell.
     */
    Optional<URI> scriptUri();

    /** The line number (1-based) within {@link #scriptUri()}, or 0 at the interactive shell. */
    int line();

    /**
     * Continues the current script at the first line labelled {@code label} and abandons the rest of
     * the current command line (iPXE's {@code goto}).
     *
     * @throws JpxeException {@code ENOENT} if no such label exists, {@code ENOTTY} outside a script
     */
    void jumpTo(String label) throws JpxeException;

    /**
     * Ends the current script (or interactive shell) with {@code status} after this command
     * (iPXE's {@code exit}); a parent script that chained it continues and sees the status.
     */
    void exit(int status);

    /**
     * Ends every script and shell level with {@code status}: used when a boot executor has handed
     * the machine over, so nothing else of the script may run.
     */
    void terminate(int status);

    /**
     * Replaces the running script by {@code replacement} once it stops (iPXE's {@code chain --replace}).
     *
     * @throws JpxeException {@code ENOTTY} when no script is running
     */
    void replaceCurrentScript(Image replacement) throws JpxeException;

    /**
     * Throws {@code ECANCELED} if the user pressed Ctrl-C or the run is being shut down.
     *
     * @throws JpxeException {@code ECANCELED}
     */
    void checkCancelled() throws JpxeException;
}
