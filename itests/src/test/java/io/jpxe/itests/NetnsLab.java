package io.jpxe.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces made by the test, joined by a veth pair: the server side carries
 * {@value #SERVER_IP}/24, the client side nothing (jPXE configures it). Nothing leaves the
 * namespaces; {@link #close()} deletes both (which removes the veth pair) and always runs, even after
 * a failure. Needs root and iproute2 (.ci/run installs it).
 */
final class NetnsLab implements AutoCloseable {
    static final String SERVER_IP = "198.18.0.1";

    final String server;
    final String client;
    final String serverIf;
    final String clientIf;

    private NetnsLab(String tag) {
        server = "jpxe-s-" + tag;
        client = "jpxe-c-" + tag;
        serverIf = "js" + tag;
        clientIf = "jc" + tag;
    }

    static NetnsLab create() throws IOException, InterruptedException {
        removeStale();
        NetnsLab lab = new NetnsLab(Long.toString(ProcessHandle.current().pid()));
        // a test JVM stopped by a signal skips @AfterAll but still runs shutdown hooks
        Thread hook = new Thread(lab::close, "netns-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            lab.ip("netns", "add", lab.server);
            lab.ip("netns", "add", lab.client);
            lab.ip("link", "add", lab.serverIf, "type", "veth", "peer", "name", lab.clientIf);
            lab.ip("link", "set", lab.serverIf, "netns", lab.server);
            lab.ip("link", "set", lab.clientIf, "netns", lab.client);
            lab.ip("-n", lab.server, "addr", "add", SERVER_IP + "/24", "dev", lab.serverIf);
            lab.ip("-n", lab.server, "link", "set", lab.serverIf, "up");
            lab.ip("-n", lab.server, "link", "set", "lo", "up");
            lab.ip("-n", lab.client, "link", "set", "lo", "up");
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /** Deletes namespaces left by earlier test JVMs that were killed (their pid is in the name). */
    private static void removeStale() throws IOException, InterruptedException {
        for (String line : run(List.of("ip", "netns", "list")).split("\n")) {
            String ns = line.split(" ")[0];
            if (ns.matches("jpxe-[sc]-\\d+")) {
                long pid = Long.parseLong(ns.substring(7));
                if (ProcessHandle.of(pid).isEmpty()) {
                    run(List.of("ip", "netns", "del", ns));
                }
            }
        }
    }

    /** Adds VLAN {@code tag} on the server side carrying {@code address/24}; returns its name. */
    String serverVlan(int tag, String address) throws IOException, InterruptedException {
        String name = serverIf + "." + tag;
        ip("-n", server, "link", "add", "link", serverIf, "name", name, "type", "vlan", "id", Integer.toString(tag));
        ip("-n", server, "addr", "add", address + "/24", "dev", name);
        ip("-n", server, "link", "set", name, "up");
        return name;
    }

    /** Removes every address from the client interface, so each test starts unconfigured. */
    void resetClient() throws IOException, InterruptedException {
        ip("-n", client, "addr", "flush", "dev", clientIf);
    }

    /** The client interface's addresses as {@code ip -br addr} shows them. */
    String clientAddresses() throws IOException, InterruptedException {
        return run(List.of("ip", "-n", client, "-br", "addr", "show", "dev", clientIf));
    }

    /** {@code command} prefixed to run inside namespace {@code namespace}. */
    static List<String> in(String namespace, List<String> command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        all.addAll(command);
        return all;
    }

    private void ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        run(cmd);
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() {
        for (String ns : List.of(client, server)) {
            try {
                run(List.of("ip", "netns", "del", ns));
            } catch (IOException | InterruptedException e) {
                // not created, or already gone
            }
        }
    }
}
