package io.jpxe.launcher;

import java.time.Instant;

/**
 * With {@code JPXE_TRACE_STARTUP=1}, prints how long each start-up phase took since the JVM
 * started, to standard error: the figures behind tools/bench-startup.sh.
 */
final class StartupTrace {
    private static final boolean ENABLED = "1".equals(System.getenv("JPXE_TRACE_STARTUP"));

    private StartupTrace() {
    }

    static void mark(String phase) {
        if (ENABLED) {
            Instant start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
            long sinceJvmStart = System.currentTimeMillis() - start.toEpochMilli();
            System.err.println("startup: " + sinceJvmStart + " ms " + phase);
        }
    }

    /** Reports a step that took longer than 10 ms, such as one bundle's start. */
    static void took(String step, long beginNanos) {
        long millis = (System.nanoTime() - beginNanos) / 1_000_000;
        if (ENABLED && millis >= 10) {
            System.err.println("startup:   " + millis + " ms " + step);
        }
    }
}
