package io.jpxe.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces for transfer tests, joined by a veth pair, both sides addressed
 * ({@value #SERVER_IP} and {@value #CLIENT_IP}) and routing 224.0.0.0/4 over the veth, so multicast
 * crosses from the server's namespace to the client's. Faults (random loss with iptables
 * {@code statistic}, a bandwidth cap with {@code tbf}) go on the server's side. Nothing leaves the
 * namespaces; {@link #close()} deletes both. Needs root, iproute2 and iptables
 * (tools/transfer-peers.sh installs them).
 */
final class TransferLab implements AutoCloseable {
    static final String SERVER_IP = "198.18.9.1";
    static final String CLIENT_IP = "198.18.9.2";

    final String server;
    final String client;
    final String serverIf;
    final String clientIf;

    private TransferLab(String tag) {
        server = "jpxe-ts-" + tag;
        client = "jpxe-tc-" + tag;
        serverIf = "jts" + tag;
        clientIf = "jtc" + tag;
    }

    static TransferLab create() throws IOException, InterruptedException {
        removeStale();
        TransferLab lab = new TransferLab(Long.toString(ProcessHandle.current().pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "transfer-lab-cleanup"));
        try {
            run("ip", "netns", "add", lab.server);
            run("ip", "netns", "add", lab.client);
            run("ip", "link", "add", lab.serverIf, "type", "veth", "peer", "name", lab.clientIf);
            run("ip", "link", "set", lab.serverIf, "netns", lab.server);
            run("ip", "link", "set", lab.clientIf, "netns", lab.client);
            lab.side(lab.server, lab.serverIf, SERVER_IP);
            lab.side(lab.client, lab.clientIf, CLIENT_IP);
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void side(String ns, String dev, String address) throws IOException, InterruptedException {
        run("ip", "-n", ns, "addr", "add", address + "/24", "dev", dev);
        run("ip", "-n", ns, "link", "set", dev, "up");
        run("ip", "-n", ns, "link", "set", "lo", "up");
        run("ip", "-n", ns, "route", "add", "224.0.0.0/4", "dev", dev);
    }

    /** Deletes namespaces left by killed test JVMs (their pid is in the name). */
    private static void removeStale() throws IOException, InterruptedException {
        for (String line : run("ip", "netns", "list").split("\n")) {
            String ns = line.split(" ")[0];
            if (ns.matches("jpxe-t[sc]-\\d+") && ProcessHandle.of(Long.parseLong(ns.substring(8))).isEmpty()) {
                run("ip", "netns", "del", ns);
            }
        }
    }

    /** Caps what the server sends at {@code rate} (tc syntax, e.g. {@code 4mbit}). */
    void limitServerRate(String rate) throws IOException, InterruptedException {
        run("ip", "netns", "exec", server, "tc", "qdisc", "replace", "dev", serverIf, "root", "tbf", "rate", rate,
                "burst", "32kbit", "latency", "400ms");
    }

    /** Drops {@code percent} % of what the server sends (iptables statistic, random). */
    void dropFromServer(int percent) throws IOException, InterruptedException {
        run("ip", "netns", "exec", server, "iptables", "-A", "OUTPUT", "-o", serverIf, "-m", "statistic",
                "--mode", "random", "--probability", String.format("%.2f", percent / 100.0), "-j", "DROP");
    }

    /** Drops {@code percent} % of what the client sends. */
    void dropFromClient(int percent) throws IOException, InterruptedException {
        run("ip", "netns", "exec", client, "iptables", "-A", "OUTPUT", "-o", clientIf, "-m", "statistic",
                "--mode", "random", "--probability", String.format("%.2f", percent / 100.0), "-j", "DROP");
    }

    /** SIGKILLs every process named {@code comm} in the server's namespace: a server dying mid-transfer. */
    void killInServer(String comm) throws IOException, InterruptedException {
        for (String pid : run("ip", "netns", "pids", server).split("\\s+")) {
            if (!pid.isBlank() && Files.readString(Path.of("/proc", pid, "comm")).strip().equals(comm)) {
                run("kill", "-9", pid);
            }
        }
    }

    /** Delays everything the server sends by {@code millis} (an NFQUEUE consumer; the kernel has no netem). */
    Process delayFromServer(Path helper, int millis) throws IOException, InterruptedException {
        Process delay = new ProcessBuilder(in(server, List.of(helper.toString(), "7", Integer.toString(millis))))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(200); // the queue must be bound before packets go to it, or they are dropped
        run("ip", "netns", "exec", server, "iptables", "-A", "OUTPUT", "-o", serverIf, "-j", "NFQUEUE",
                "--queue-num", "7");
        return delay;
    }

    /** Builds the test resource nfq-delay.c (needs gcc and libnetfilter-queue-dev) into {@code dir}. */
    static Path buildDelayHelper(Path dir) throws IOException, InterruptedException {
        Path source = dir.resolve("nfq-delay.c");
        try (var in = TransferLab.class.getResourceAsStream("nfq-delay.c")) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve("nfq-delay");
        run("gcc", "-O2", "-o", binary.toString(), source.toString(), "-lnetfilter_queue");
        return binary;
    }

    /** Removes every fault (loss rules and rate caps). */
    void heal() throws IOException, InterruptedException {
        run("ip", "netns", "exec", server, "iptables", "-F", "OUTPUT");
        run("ip", "netns", "exec", client, "iptables", "-F", "OUTPUT");
        runQuietly("ip", "netns", "exec", server, "tc", "qdisc", "del", "dev", serverIf, "root");
    }

    /** {@code command} prefixed to run inside {@code namespace}. */
    static List<String> in(String namespace, List<String> command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        all.addAll(command);
        return all;
    }

    /** Starts a jPXE profile's image in the client namespace; output goes to files under {@code dir}. */
    Process startJpxe(Path dir, String name, String profile, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(in(client, command(profile, args)));
        pb.environment().put("JPXE_CACHE", dir.resolve("cache-" + name).toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectOutput(dir.resolve(name + ".out").toFile());
        pb.redirectError(dir.resolve(name + ".err").toFile());
        return pb.start();
    }

    /**
     * {@link ImageProcess#command}, except that {@code -Djpxe.it.image.PROFILE=JAR} runs another
     * image of the profile (one with a freshly built bundle swapped in, while the distributions are
     * being rebuilt by others).
     */
    static List<String> command(String profile, String... args) {
        List<String> cmd = new ArrayList<>(ImageProcess.command(profile, args));
        String override = System.getProperty("jpxe.it.image." + profile);
        if (override != null) {
            cmd.set(cmd.indexOf("-jar") + 1, override);
        }
        return cmd;
    }

    /** Waits for a process from {@link #startJpxe} and returns what it printed. */
    static ImageProcess.Result await(Process p, Path dir, String name, int seconds)
            throws IOException, InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        int exit = p.isAlive() ? -1 : p.exitValue();
        return new ImageProcess.Result(exit, Files.readString(dir.resolve(name + ".out")),
                Files.readString(dir.resolve(name + ".err")) + (exit == 137 ? "\n<killed after " + seconds + " s>" : ""));
    }

    /** Runs a jPXE profile in the client namespace to its end (at most {@code seconds}). */
    ImageProcess.Result runJpxe(Path dir, String name, int seconds, String profile, String... args)
            throws IOException, InterruptedException {
        return await(startJpxe(dir, name, profile, args), dir, name, seconds);
    }

    /**
     * Waits until something listens on tcp port {@code port} in the namespace {@code prefix} runs in
     * (none: this one), or the process dies.
     */
    static void awaitTcp(List<String> prefix, Process process, int port, Path log, String name)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            List<String> ss = new ArrayList<>(prefix);
            ss.addAll(List.of("ss", "-Hlnt", "sport = :" + port));
            if (!run(ss.toArray(String[]::new)).isBlank()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException(name + " did not listen on tcp port " + port + ": " + Files.readString(log));
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: "
                    + new String(out.join(), StandardCharsets.UTF_8));
        }
        return new String(out.join(), StandardCharsets.UTF_8);
    }

    private static void runQuietly(String... command) {
        try {
            run(command);
        } catch (IOException | InterruptedException e) {
            // nothing to remove
        }
    }

    @Override
    public void close() {
        for (String ns : List.of(client, server)) {
            runQuietly("ip", "netns", "del", ns);
        }
    }
}
