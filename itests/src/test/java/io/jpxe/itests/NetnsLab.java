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
    /** The server's IPv6 address once {@link #serverIpv6()} ran (a unique local /64). */
    static final String SERVER_IP6 = "fd00:18::1";

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

    /** Gives the server side {@value #SERVER_IP6}/64 (no duplicate address detection: usable at once). */
    void serverIpv6() throws IOException, InterruptedException {
        if (!run(List.of("ip", "-n", server, "-6", "addr", "show", "dev", serverIf)).contains(SERVER_IP6 + "/64")) {
            ip("-n", server, "-6", "addr", "add", SERVER_IP6 + "/64", "dev", serverIf, "nodad");
        }
    }

    /**
     * The server side's IPv6 link-local address, once duplicate address detection is over. Brings the
     * client link up first: without a carrier the kernel gives the server side no link-local address.
     */
    String serverLinkLocal() throws IOException, InterruptedException {
        clientUp();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            String out = run(List.of("ip", "-n", server, "-6", "-o", "addr", "show", "dev", serverIf, "scope", "link"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("inet6 (fe80::[0-9a-f:]+)/64").matcher(out);
            if (m.find() && !out.contains("tentative")) {
                return m.group(1);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(serverIf + " has no usable link-local address: " + out);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Takes the client link down and flushes it, so the next {@code ifopen} starts from nothing and
     * the kernel makes a fresh IPv6 link-local address.
     */
    void resetClientLink() throws IOException, InterruptedException {
        ip("-n", client, "link", "set", clientIf, "down");
        resetClient();
    }

    /**
     * Brings the client link up before jPXE starts, so jPXE leaves it up when it exits (it takes down
     * only links it brought up, and a link going down loses its IPv6 addresses) and the test can look at
     * what was applied.
     */
    void clientUp() throws IOException, InterruptedException {
        ip("-n", client, "link", "set", clientIf, "up");
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
