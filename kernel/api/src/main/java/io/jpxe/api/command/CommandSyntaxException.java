package io.jpxe.api.command;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * A command line that does not match the command's syntax: unknown option, missing option
 * argument, wrong number of arguments, or {@code --help}.
 *
 * <p>The message is the complete text iPXE prints (the problem, then the usage block); it is
 * printed as is, without the errno text.
 */
public class CommandSyntaxException extends JpxeException {
    private static final long serialVersionUID = 1L;

    public CommandSyntaxException(Errno errno, String message) {
        super(errno, message);
    }

    /** Whether this is the answer to {@code -h/--help}, which goes to standard output. */
    public boolean isHelp() {
        return errno() == Errno.ECANCELED;
    }

    @Override
    public String describe() {
        return getMessage();
    }
}
