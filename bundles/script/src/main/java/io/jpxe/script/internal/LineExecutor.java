package io.jpxe.script.internal;

import java.util.ArrayList;
import java.util.List;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.StatusException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandSyntaxException;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.console.Console;
import io.jpxe.api.settings.Settings;

/**
 * Runs one command line as iPXE's {@code system()} does: segments separated by {@code ||},
 * {@code &&} and {@code ;}; each segment that runs is expanded word by word just before it runs;
 * a skipped segment keeps the previous status; {@code goto} and {@code exit} end the line. Failing
 * commands are reported on the console's error stream with the script location, and their error
 * number is stored in {@code ${errno}}. Nothing a command does (exceptions included) escapes.
 */
final class LineExecutor {
    private final ScriptEngineImpl engine;
    private final Settings settings;
    private final CommandRegistry commands;

    LineExecutor(ScriptEngineImpl engine, Settings settings, CommandRegistry commands) {
        this.engine = engine;
        this.settings = settings;
        this.commands = commands;
    }

    /** Runs {@code line} (physical line {@code number} of {@code level}) and returns its status. */
    int executeLine(String line, Level level, int number, Session session, Console console) {
        int rc = 0;
        boolean process = true;
        for (Tokenizer.Segment segment : Tokenizer.segments(line)) {
            if (process) {
                rc = runSegment(segment.words(), level, number, session, console);
            }
            if (level.stopped(Level.STOP_COMMAND) || session.terminated()) {
                break;
            }
            if (segment.next() == null) {
                break;
            }
            process = segment.next().runNext(rc);
        }
        return rc;
    }

    private int runSegment(List<String> words, Level level, int number, Session session, Console console) {
        if (words.isEmpty()) {
            return 0;
        }
        List<String> argv = new ArrayList<>(words.size());
        for (String word : words) {
            argv.add(settings.expand(word));
        }
        int rc = invoke(argv, level, number, session, console);
        if (rc != 0) {
            recordErrno(rc);
        }
        return rc;
    }

    /** Runs an already expanded command line of one command (for {@code time}) and returns its status. */
    int invoke(List<String> argv, EngineContext caller) {
        Level level = caller.level() != null ? caller.level() : Level.shell(0);
        return invoke(argv, level, caller.line(), caller.session(), caller.console());
    }

    private int invoke(List<String> argv, Level level, int number, Session session, Console console) {
        String name = argv.get(0);
        Command command = commands.find(name).orElse(null);
        if (command == null) {
            report(console, level, number, name + ": command not found");
            return Errno.ENOEXEC.status();
        }
        EngineContext context = new EngineContext(engine, session, level, number, console, false,
                level.depth() + 1);
        try {
            ParsedCommand parsed = command.syntax().parse(argv);
            command.execute(context, parsed);
            return context.exitStatus() == null ? 0 : context.exitStatus();
        } catch (CommandSyntaxException e) {
            if (e.isHelp()) {
                console.out().println(e.getMessage());
                console.out().flush();
            } else {
                report(console, level, number, e.describe());
            }
            return failureStatus(e);
        } catch (JpxeException e) {
            if (!(e instanceof StatusException)) {
                report(console, level, number, e.describe());
            }
            return failureStatus(e);
        } catch (RuntimeException | StackOverflowError e) {
            report(console, level, number, name + ": internal error (" + e + "): " + Errno.EIO.message());
            return Errno.EIO.status();
        }
    }

    private static int failureStatus(JpxeException e) {
        int status = e.status();
        return status != 0 ? status : Errno.EIO.status();
    }

    /** Prints a failure: {@code <script>:<line>: <text>} in a script, just the text at the shell. */
    static void report(Console console, Level level, int number, String text) {
        String where = level != null && level.isScript() ? level.location() + ":" + number + ": " : "";
        console.err().println(where + text);
        console.err().flush();
    }

    /** {@code ${errno}} holds the last failure's absolute status, as iPXE's {@code execv} leaves it. */
    private void recordErrno(int rc) {
        long value = Math.abs((long) rc) & 0xFFFF_FFFFL;
        byte[] raw = { (byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value };
        try {
            settings.storeRaw("builtin/errno", "uint32", raw);
        } catch (JpxeException | RuntimeException e) {
            // without a writable builtin block there is just no ${errno}
        }
    }
}
