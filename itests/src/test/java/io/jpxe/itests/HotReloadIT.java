package io.jpxe.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot-testing with the dev image: a running loader picks up a plugin dropped into the watched
 * folder, then replaces it when a rebuilt version is dropped — without a restart.
 */
class HotReloadIT {
    @TempDir
    Path tmp;

    @Test
    void aRebuiltBundleDroppedIntoTheHotFolderReplacesTheRunningOne() throws Exception {
        Path hot = Files.createDirectories(tmp.resolve("hot"));
        byte[] v1 = PluginBuilder.greetCommand(tmp.resolve("v1"), "hello from v1");
        byte[] v2 = PluginBuilder.greetCommand(tmp.resolve("v2"), "hello from v2");

        ProcessBuilder pb = new ProcessBuilder(ImageProcess.command("dev", "--hot", hot.toString(), "shell"));
        pb.environment().put("JPXE_CACHE", tmp.resolve("cache").toString());
        pb.redirectErrorStream(true);
        Process shell = pb.start();
        StringBuffer output = new StringBuffer();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var in = new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8)) {
                char[] buf = new char[4096];
                for (int n; (n = in.read(buf)) > 0;) {
                    output.append(buf, 0, n);
                }
            } catch (IOException e) {
                output.append("<").append(e).append(">");
            }
        });
        try (OutputStream stdin = shell.getOutputStream()) {
            type(stdin, "greet || echo no greet yet [${feature/command.greet}]");
            awaitOutput(output, "no greet yet []");

            drop(hot, v1);
            typeUntil(stdin, output, "greet ||", "hello from v1");
            // The feature block computes once per change of the bundles: this one must show.
            type(stdin, "echo greet feature [${feature/command.greet}]");
            awaitOutput(output, "greet feature [1]");

            drop(hot, v2);
            typeUntil(stdin, output, "greet ||", "hello from v2");
            assertTrue(shell.isAlive(), "the same process served both versions");

            type(stdin, "exit 0");
            assertTrue(shell.waitFor(20, TimeUnit.SECONDS), output::toString);
        } finally {
            shell.destroyForcibly();
            reader.join(5000);
        }
        assertEquals(0, shell.exitValue(), output::toString);
    }

    private static void drop(Path hot, byte[] bundle) throws IOException {
        Path staged = hot.resolveSibling("greet.jar.part");
        Files.write(staged, bundle);
        Files.move(staged, hot.resolve("greet.jar"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void type(OutputStream stdin, String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Types {@code line} every half second until {@code expected} shows up (FileInstall polls). */
    private static void typeUntil(OutputStream stdin, StringBuffer output, String line, String expected)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            type(stdin, line);
            Thread.sleep(500);
            if (output.indexOf(expected) >= 0) {
                return;
            }
        }
        throw new AssertionError("\"" + expected + "\" never appeared:\n" + output);
    }

    private static void awaitOutput(StringBuffer output, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (output.indexOf(expected) >= 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("\"" + expected + "\" never appeared:\n" + output);
    }
}
