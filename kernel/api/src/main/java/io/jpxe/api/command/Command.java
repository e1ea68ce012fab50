package io.jpxe.api.command;

import org.osgi.annotation.versioning.ConsumerType;

import io.jpxe.api.JpxeException;

/**
 * One script command, registered as a service with {@link JpxeCommand}.
 *
 * <p>Commands are thin: they parse with {@link #syntax()} and call services that do the work (the
 * image manager, the settings tree...). The engine calls {@link #execute} on the script's own
 * thread (a virtual thread, never a Netty event loop); a command may block there, and should
 * check {@link CommandContext#checkCancelled()} in long loops so Ctrl-C works.
 *
 * <p>Completion: returning normally is success (status 0). Failure is a {@link JpxeException};
 * its errno gives the status and its message is printed with the script's URI and line.
 */
@ConsumerType
public interface Command {

    /** The command's options and argument counts; used for parsing and for {@code help}. */
    CommandSyntax syntax();

    /**
     * Runs the command.
     *
     * @param context the invocation's console, settings and script control
     * @param args    the parsed options and positional arguments (already {@code ${...}}-expanded)
     * @throws JpxeException when the command fails
     */
    void execute(CommandContext context, ParsedCommand args) throws JpxeException;
}
