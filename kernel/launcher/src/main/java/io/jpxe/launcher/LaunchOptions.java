package io.jpxe.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The launcher's command line. Strict: an unknown option or a missing argument is a usage error
 * (exit status 2).
 *
 * @param command      what to do
 * @param target       the script file or URI for {@code run}
 * @param boot         the boot executor name ({@code plan}, {@code qemu}, {@code kexec})
 * @param planOut      where the plan executor writes its JSON, or {@code null}
 * @param settings     {@code --set NAME=VALUE} pairs in order
 * @param properties   {@code -D key=value} framework properties
 * @param imageLocation an image folder or jar other than the launcher's own ({@code --image})
 * @param hotDir       the folder FileInstall watches ({@code --hot}), or {@code null}
 * @param verbose      print start-up diagnostics and transfer statistics
 */
record LaunchOptions(Command command, String target, String boot, Path planOut, List<String> settings,
        Map<String, String> properties, Path imageLocation, Path hotDir, boolean verbose) {

    enum Command { RUN, SHELL, FEATURES, VERSION, HELP, GOGO, DEFAULT }

    static final String USAGE = """
            Usage:
              jpxe [<options>] run <file|URI> [--boot=plan|qemu|kexec] [--plan-out FILE] [--set NAME=VALUE]...
              jpxe [<options>] shell                 interactive shell (iPXE syntax)
              jpxe [<options>] features              what this image carries: features, bundles, versions
              jpxe [<options>] gogo                  the Felix Gogo shell (images that carry it)
              jpxe [<options>]                       run the image's embedded script
              jpxe --version | --help
            Options:
              --boot=NAME         boot executor: plan (default), qemu, kexec
              --plan-out FILE     write the boot plan as JSON (plan executor)
              --set NAME=VALUE    store a setting before the script runs (repeatable)
              -D KEY=VALUE        set an OSGi framework property (repeatable)
              --image PATH        use the bundles of another image (folder or jar)
              --hot DIR           folder watched for bundles to hot-replace (images with FileInstall)
              --netdev IF[,IF]    attach only these Linux interfaces (default: every Ethernet one)
              --verbose           print start-up diagnostics, and size, time and rate of each transfer
            """;

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static LaunchOptions parse(String[] args) throws UsageException {
        Command command = null;
        String target = null;
        String boot = "plan";
        Path planOut = null;
        List<String> settings = new ArrayList<>();
        Map<String, String> properties = new TreeMap<>();
        Path image = null;
        Path hot = null;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--version" -> command = single(command, Command.VERSION, arg);
                case "--help", "-h" -> command = single(command, Command.HELP, arg);
                case "--verbose" -> verbose = true;
                case "--boot" -> boot = requireName(value != null ? value : next(args, ++i, arg), arg);
                case "--plan-out" -> planOut = Path.of(value != null ? value : next(args, ++i, arg));
                case "--image" -> image = Path.of(value != null ? value : next(args, ++i, arg));
                case "--hot" -> hot = Path.of(value != null ? value : next(args, ++i, arg));
                case "--netdev" -> {
                    String names = value != null ? value : next(args, ++i, arg);
                    String previous = properties.get("jpxe.netdev");
                    properties.put("jpxe.netdev", previous == null ? names : previous + "," + names);
                }
                case "--set" -> {
                    String pair = value != null ? value : next(args, ++i, arg);
                    if (pair.indexOf('=') <= 0) {
                        throw new UsageException("--set needs NAME=VALUE, got \"" + pair + "\"");
                    }
                    settings.add(pair);
                }
                case "-D" -> {
                    String pair = next(args, ++i, arg);
                    int e = pair.indexOf('=');
                    if (e <= 0) {
                        throw new UsageException("-D needs KEY=VALUE, got \"" + pair + "\"");
                    }
                    properties.put(pair.substring(0, e), pair.substring(e + 1));
                }
                case "run" -> {
                    command = single(command, Command.RUN, arg);
                    target = next(args, ++i, arg);
                }
                case "shell" -> command = single(command, Command.SHELL, arg);
                case "features" -> command = single(command, Command.FEATURES, arg);
                case "gogo" -> command = single(command, Command.GOGO, arg);
                default -> throw new UsageException(arg.startsWith("-")
                        ? "unknown option \"" + arg + "\""
                        : "unknown command or extra argument \"" + arg + "\"");
            }
        }
        return new LaunchOptions(command == null ? Command.DEFAULT : command, target, boot, planOut,
                List.copyOf(settings), Map.copyOf(properties), image, hot, verbose);
    }

    private static Command single(Command current, Command next, String arg) throws UsageException {
        if (current != null) {
            throw new UsageException("\"" + arg + "\" given after another command");
        }
        return next;
    }

    private static String next(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].isEmpty()) {
            throw new UsageException(option + " needs an argument");
        }
        return args[index];
    }

    private static String requireName(String value, String option) throws UsageException {
        if (!value.matches("[a-z][a-z0-9-]*")) {
            throw new UsageException(option + ": \"" + value + "\" is not a boot executor name");
        }
        return value;
    }
}
