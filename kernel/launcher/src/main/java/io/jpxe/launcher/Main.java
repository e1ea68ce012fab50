package io.jpxe.launcher;

import java.io.PrintStream;

/**
 * The {@code jpxe} command: parses the command line, starts the image's bundles in an embedded Felix
 * and exits with the status of what it ran.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        StartupTrace.mark("framework stopped");
        System.exit(status);
    }

    /** Runs the launcher; returns the process exit status. Visible for tests. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        StartupTrace.mark("launcher main");
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (LaunchOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                err.println("jpxe: " + e.getMessage());
            }
            err.print(LaunchOptions.USAGE);
            return 2;
        }
        if (options.command() == LaunchOptions.Command.HELP) {
            out.print(LaunchOptions.USAGE);
            return 0;
        }
        try {
            Image image = Image.locate(options.imageLocation());
            if (options.command() == LaunchOptions.Command.VERSION) {
                out.println("jPXE " + image.version() + " (profile " + image.profile() + ")");
                return 0;
            }
            StartupTrace.mark("image located");
            try (Kernel kernel = new Kernel(image, options, err)) {
                return switch (options.command()) {
                    case FEATURES -> kernel.printFeatures(out);
                    case GOGO -> kernel.runUntilStopped();
                    default -> kernel.runMain();
                };
            }
        } catch (LaunchException e) {
            err.println("jpxe: " + e.getMessage());
            return e.exitStatus();
        }
    }
}
