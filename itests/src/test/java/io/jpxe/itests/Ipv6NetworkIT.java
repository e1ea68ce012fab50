package io.jpxe.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 against a real dnsmasq (router advertisements, DHCPv6, TFTP over IPv6) in the lab's server
 * namespace, the minimal-tftp image (standard for HTTP) in the client namespace: SLAAC plus a stateful
 * DHCPv6 lease, stateless DHCPv6, TFTP and HTTP URIs with IPv6 literals with and without a zone id, ICMPv6 ping, autoboot from DHCPv6's boot file URL on a
 * network without IPv4, and the per-profile switch that turns IPv6 off.
 */
class Ipv6NetworkIT {
    private static final String PROFILE = "minimal-tftp";
    private static final String PREFIX = "fd00:18::";
    private static final String BOOT_URL = "tftp://[" + NetnsLab.SERVER_IP6 + "]/boot6.ipxe";

    private static NetnsLab lab;

    @TempDir
    Path scratch;

    @BeforeAll
    static void network() throws Exception {
        lab = NetnsLab.create();
        lab.serverIpv6();
    }

    @AfterAll
    static void removeNetwork() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void unconfigured() throws Exception {
        lab.resetClientLink();
        Files.createDirectories(scratch.resolve("tftp"));
        Files.writeString(scratch.resolve("tftp/boot6.ipxe"), """
                #!ipxe
                echo chained ${cwuri}
                """);
    }

    private String dnsmasq(String range) {
        return String.join("\n", "enable-ra", "dhcp-range=" + range, "dhcp-userclass=set:ipxe6,iPXE",
                "dhcp-option=option6:dns-server,[" + NetnsLab.SERVER_IP6 + "]",
                "dhcp-option=option6:domain-search,boot6.test",
                "dhcp-option=option6:bootfile-url," + BOOT_URL,
                "enable-tftp", "tftp-root=" + scratch.resolve("tftp"));
    }

    @Test
    void statefulDhcpv6BesideSlaacGivesAddressesSettingsAndIpv6Uris() throws Exception {
        String serverLinkLocal = lab.serverLinkLocal();
        // dnsmasq's TFTP does not answer on link-local addresses: tftpd-hpa serves the zoned URIs
        try (Dnsmasq dnsmasq = Dnsmasq.start(lab, scratch, "v6", dnsmasq(PREFIX + "100," + PREFIX + "1ff,slaac,64,1h"));
                LinkLocalTftp tftp = LinkLocalTftp.start(lab, scratch.resolve("tftp"))) {
            lab.clientUp();
            ImageProcess.Result r = jpxe("""
                    #!ipxe
                    ifconf -c ipv6 net0
                    echo dhcpv6=${net0.dhcpv6/ip6} len=${net0.dhcpv6/len6} ip6=${net0/ip6}
                    echo ndp=${net0.ndp/ip6} ndplen=${net0.ndp/len6} gw=${net0.ndp/gateway6}
                    echo dns6=${dns6} filename=${filename} o59=${net0.dhcpv6/59} link=${net0.link/ip6}
                    route
                    imgfetch --name global %s && echo fetched-global
                    imgfetch --name zoned tftp://[%s%%net0]:%d/boot6.ipxe && echo fetched-zoned
                    imgfetch --name escaped tftp://[%s%%25net0]:%d/boot6.ipxe && echo fetched-escaped
                    ping --count 2 %s
                    ping --count 1 --size 16 %s%%net0
                    """.formatted(BOOT_URL, serverLinkLocal, LinkLocalTftp.PORT, serverLinkLocal, LinkLocalTftp.PORT,
                    NetnsLab.SERVER_IP6, serverLinkLocal));
            assertEquals(0, r.exitCode(), r::toString);
            String dhcpv6 = field(r.stdout(), "dhcpv6");
            assertTrue(dhcpv6.matches("fd00:18::1[0-9a-f]{2}"), r::toString);
            assertEquals("len=64 ip6=" + dhcpv6, line(r.stdout(), "dhcpv6=").replaceFirst("dhcpv6=\\S+ ", ""), r::toString);
            String ndp = line(r.stdout(), "ndp=");
            assertTrue(!ndp.startsWith("ndp=" + dhcpv6 + " "), "SLAAC and DHCPv6 addresses differ: " + r);
            assertTrue(ndp.matches("ndp=fd00:18::[0-9a-f:]+ ndplen=64 gw=fe80::[0-9a-f:]+"), r::toString);
            assertTrue(ndp.endsWith("gw=" + serverLinkLocal), r::toString);
            assertTrue(line(r.stdout(), "dns6=").matches("dns6=fd00:18::1 filename=" + java.util.regex.Pattern.quote(BOOT_URL)
                    + " o59=" + java.util.regex.Pattern.quote(BOOT_URL) + " link=fe80::[0-9a-f:]+"), r::toString);
            assertTrue(r.stdout().contains("net0: " + dhcpv6 + "/64 gw " + serverLinkLocal), r::toString);
            assertTrue(r.stdout().contains("fetched-global"), r::toString);
            assertTrue(r.stdout().contains("fetched-zoned"), r::toString);
            assertTrue(r.stdout().contains("fetched-escaped"), r::toString);
            assertTrue(r.stdout().contains("64 bytes from fd00:18::1: seq=1\n64 bytes from fd00:18::1: seq=2\n"),
                    r::toString);
            assertTrue(r.stdout().contains("16 bytes from " + serverLinkLocal + ": seq=1\n"), r::toString);
            assertTrue(r.stderr().contains("Configuring [ipv6] (net0 "), r::toString);
            assertTrue(lab.clientAddresses().contains(dhcpv6 + "/64"), () -> "the DHCPv6 lease is applied: " + addresses());
            // dnsmasq saw iPXE's DHCPv6 identity
            assertTrue(dnsmasq.log().contains("vendor class: 343"), dnsmasq::log);
            assertTrue(dnsmasq.log().contains("tags: ipxe6, dhcpv6"), dnsmasq::log); // matched the user class
        }
    }

    @Test
    void httpUrisWithIpv6LiteralsAndZonesOpen() throws Exception {
        String serverLinkLocal = lab.serverLinkLocal();
        try (Dnsmasq dnsmasq = Dnsmasq.start(lab, scratch, "v6http", dnsmasq(PREFIX + "100," + PREFIX + "1ff,64,1h"));
                HttpServer http = HttpServer.start(lab, scratch.resolve("tftp"))) {
            ImageProcess.Result r = jpxeIn("standard", """
                    #!ipxe
                    ifconf -c ipv6 net0
                    imgfetch --name zoned http://[%s%%net0]:%d/boot6.ipxe && echo fetched-zoned
                    imgfetch --name global http://[%s]:%d/boot6.ipxe && echo fetched-global
                    """.formatted(serverLinkLocal, HttpServer.PORT, NetnsLab.SERVER_IP6, HttpServer.PORT));
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stdout().contains("fetched-zoned\nfetched-global"), r::toString);
        }
    }

    @Test
    void namesResolveThroughTheDhcpv6GivenServerAsAaaaFirst() throws Exception {
        try (Dnsmasq dnsmasq = Dnsmasq.start(lab, scratch, "v6dns", dnsmasq(PREFIX + "100," + PREFIX + "1ff,64,1h")
                + "\nport=53\nlisten-address=" + NetnsLab.SERVER_IP6 + "\naddress=/tftp.boot6.test/" + NetnsLab.SERVER_IP6
                + "\nlocal=/boot6.test/\nlog-queries")) {
            ImageProcess.Result r = jpxe("""
                    #!ipxe
                    ifconf -c ipv6 net0
                    nslookup six tftp.boot6.test
                    echo six=${six}
                    imgfetch tftp://tftp.boot6.test/boot6.ipxe && echo fetched-by-name
                    """);
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stdout().contains("six=fd00:18::1\nfetched-by-name"), r::toString);
            assertTrue(dnsmasq.log().contains("query[AAAA] tftp.boot6.test"), dnsmasq::log);
        }
    }

    @Test
    void statelessDhcpv6AddsOptionsToSlaac() throws Exception {
        try (Dnsmasq dnsmasq = Dnsmasq.start(lab, scratch, "v6s", dnsmasq(PREFIX + ",ra-stateless,64"))) {
            lab.clientUp();
            ImageProcess.Result r = jpxe("""
                    #!ipxe
                    ifconf -c ipv6 net0
                    echo dhcpv6=${net0.dhcpv6/ip6} ip6=${net0.ndp/ip6} dns6=${net0.dhcpv6/dns6} filename=${filename}
                    """);
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(line(r.stdout(), "dhcpv6=").matches("dhcpv6= ip6=fd00:18::[0-9a-f:]+ dns6=fd00:18::1 filename="
                    + java.util.regex.Pattern.quote(BOOT_URL)), () -> r + "\n" + addresses());
            assertTrue(dnsmasq.log().contains("DHCPINFORMATION-REQUEST"), dnsmasq::log);
        }
    }

    @Test
    void autobootUsesTheDhcpv6BootFileUrlOnANetworkWithoutIpv4() throws Exception {
        try (Dnsmasq dnsmasq = Dnsmasq.start(lab, scratch, "v6boot", dnsmasq(PREFIX + "100," + PREFIX + "1ff,64,1h"))) {
            ImageProcess.Result r = jpxe("""
                    #!ipxe
                    autoboot
                    """);
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stdout().contains("chained " + BOOT_URL), r::toString);
            assertTrue(r.stderr().matches("(?s).*Configuring \\(net0 [0-9a-f:]+\\)\\.\\.\\. ok.*"), r::toString);
        }
    }

    @Test
    void theProfileSwitchTurnsIpv6Off() throws Exception {
        ImageProcess.Result r = jpxe("""
                #!ipxe
                ifconf -c ipv6 net0
                """, "-D", "jpxe.ipv6=false");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("Unrecognised configurator \"ipv6\""), r::toString);
    }

    /**
     * Python's HTTP server on {@code [::]:}{@value #PORT} in the lab's server namespace, serving
     * {@code root}; the test owns the process and kills it on close.
     */
    private record HttpServer(Process process) implements AutoCloseable {
        static final int PORT = 8086;

        static HttpServer start(NetnsLab lab, Path root) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(NetnsLab.in(lab.server, List.of("python3", "-m", "http.server", "--bind",
                    "::", "--directory", root.toString(), Integer.toString(PORT))))
                    .redirectErrorStream(true).redirectOutput(root.resolveSibling("http.log").toFile()).start();
            awaitListening(lab, p, "-Htln", PORT);
            return new HttpServer(p);
        }

        @Override
        public void close() throws InterruptedException {
            stop(process);
        }
    }

    /**
     * tftpd-hpa on {@code [::]:}{@value #PORT} in the lab's server namespace, serving {@code root}; the
     * test owns the process and kills it on close.
     */
    private record LinkLocalTftp(Process process) implements AutoCloseable {
        static final int PORT = 6969;

        static LinkLocalTftp start(NetnsLab lab, Path root) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(NetnsLab.in(lab.server, List.of("/usr/sbin/in.tftpd", "-L", "-6", "-s",
                    root.toString(), "-a", "[::]:" + PORT)))
                    .redirectErrorStream(true).redirectOutput(root.resolveSibling("tftpd.log").toFile()).start();
            awaitListening(lab, p, "-Hlun", PORT);
            return new LinkLocalTftp(p);
        }

        @Override
        public void close() throws InterruptedException {
            stop(process);
        }
    }

    /** Waits until {@code process} listens on {@code port} in the server namespace ({@code ss} flags given). */
    private static void awaitListening(NetnsLab lab, Process process, String ssFlags, int port)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Process probe = new ProcessBuilder(NetnsLab.in(lab.server, List.of("ss", ssFlags, "sport = :" + port)))
                    .redirectErrorStream(true).start();
            String listening = new String(probe.getInputStream().readAllBytes());
            probe.waitFor();
            if (listening.contains(":" + port)) {
                return;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IOException(process.info().command().orElse("server") + " did not listen on port " + port
                + " in 5 s");
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code script} with the image inside the client namespace, attached to the lab's interface. */
    private ImageProcess.Result jpxe(String script, String... options) throws IOException, InterruptedException {
        return jpxeIn(PROFILE, script, options);
    }

    private ImageProcess.Result jpxeIn(String profile, String script, String... options)
            throws IOException, InterruptedException {
        Path file = scratch.resolve("test.ipxe");
        Files.writeString(file, script);
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("-D", "jpxe.netdev=" + lab.clientIf, "run", file.toString()));
        List<String> cmd = new ArrayList<>(NetnsLab.in(lab.client, ImageProcess.command(profile,
                args.toArray(String[]::new))));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JPXE_CACHE", scratch.resolve("cache").toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> ImageProcess.read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> ImageProcess.read(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("jpxe did not finish in 60 s:\n" + out.getNow("") + err.getNow(""));
        }
        return new ImageProcess.Result(p.exitValue(), out.join(), err.join());
    }

    private static String addresses() {
        try {
            return lab.clientAddresses();
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("<no line " + prefix + ">");
    }

    private static String field(String text, String name) {
        return line(text, name + "=").replaceFirst("^" + name + "=", "").replaceFirst(" .*", "");
    }
}
