package io.jpxe.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a profile's exported jar as a process, as a user would: {@code java -jar jpxe-PROFILE.jar ...}. */
final class ImageProcess {
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private ImageProcess() {
    }

    static Path jar(String profile) {
        Path jar = TestAssets.root().resolve("distributions/" + profile + "/target/jpxe-" + profile + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the distributions module builds it");
        }
        return jar;
    }

    static List<String> command(String profile, String... args) {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("jpxe.java", "java"),
                // the flags ./jpxe and the bootable image start it with (tools/env.sh, image-init.sh)
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar(profile).toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Result run(Path cache, String profile, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(profile, args));
        pb.environment().put("JPXE_CACHE", cache.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("jpxe did not finish in 120 s: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    static Map<String, String> env(Path cache) {
        return Map.of("JPXE_CACHE", cache.toString());
    }
}
