package io.jpxe.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real dnsmasq in the lab's server namespace (DHCP, ProxyDHCP, TFTP as configured), run in the
 * foreground so the test owns the process and kills it on close. .ci/run installs the package.
 */
final class Dnsmasq implements AutoCloseable {
    private static final Path DAEMON = Path.of("/usr/sbin/dnsmasq");

    private final Process process;
    private final Path log;

    private Dnsmasq(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts dnsmasq with {@code config} (lines after the common ones: interface, no DNS, logging).
     * TFTP files live in {@code scratch/tftp}, world-readable since dnsmasq drops to nobody.
     */
    static Dnsmasq start(NetnsLab lab, Path scratch, String name, String config) throws IOException,
            InterruptedException {
        return start(lab, lab.serverIf, scratch, name, config);
    }

    /** As above, on server interface {@code serverIf} (a VLAN interface, say). */
    static Dnsmasq start(NetnsLab lab, String serverIf, Path scratch, String name, String config)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(DAEMON)) {
            throw new IllegalStateException(DAEMON + " is missing: install dnsmasq (.ci/run does)");
        }
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = scratch.resolve(name + ".log");
        Path conf = scratch.resolve(name + ".conf");
        Files.writeString(conf, String.join("\n",
                config.contains("port=") ? "" : "port=0", "interface=" + serverIf, "bind-interfaces", "no-resolv", "no-hosts", "no-ping",
                "log-dhcp", "log-facility=" + log, "dhcp-leasefile=" + scratch.resolve(name + ".leases"),
                config, ""));
        Process p = new ProcessBuilder(NetnsLab.in(lab.server, List.of(DAEMON.toString(), "--keep-in-foreground",
                "--conf-file=" + conf, "--pid-file=" + scratch.resolve(name + ".pid"))))
                .redirectErrorStream(true).redirectOutput(scratch.resolve(name + ".out").toFile()).start();
        Dnsmasq d = new Dnsmasq(p, log);
        d.awaitStarted(Duration.ofSeconds(5));
        return d;
    }

    private void awaitStarted(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("dnsmasq exited with " + process.exitValue() + ": " + log());
            }
            if (log().contains("DHCP, sockets bound") || log().contains("DHCP, proxy on subnet")
                    || log().contains("DHCPv6, ")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("dnsmasq did not start in " + timeout + ": " + log());
    }

    String log() {
        try {
            return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
