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
 * The minimal-tftp image in a client network namespace against a real dnsmasq in a server namespace
 * (veth pair, 198.18.0.0/24, made and removed by the test): a plain lease whose settings match
 * dnsmasq's configuration, option 175, ProxyDHCP beside plain DHCP, autoboot chaining
 * {@code ${filename}} over TFTP, PXE boot server discovery, and iPXE's timeout when nobody answers.
 */
class NetworkBootIT {
    private static final String PROFILE = "minimal-tftp";
    private static final String DHCP = String.join("\n",
            "dhcp-range=198.18.0.100,198.18.0.150,255.255.255.0,1h",
            "dhcp-option=option:router,198.18.0.1",
            "dhcp-option=option:dns-server,198.18.0.1,198.18.0.2",
            "dhcp-option=option:domain-name,boot.test",
            "dhcp-match=set:ipxe,175",
            "dhcp-boot=tag:!ipxe,undionly.kpxe,,198.18.0.1",
            "dhcp-boot=tag:ipxe,boot.ipxe,,198.18.0.1",
            "dhcp-option=encap:175,8,1",
            "dhcp-option-force=209,\"pxelinux.cfg/default\"",
            "dhcp-option-force=210,\"/prefix/\"");
    private static final String NO_PROXY_WAIT = "dhcp-option=encap:175,176,1";

    private static NetnsLab lab;

    @TempDir
    Path scratch;

    @BeforeAll
    static void network() throws Exception {
        lab = NetnsLab.create();
    }

    @AfterAll
    static void removeNetwork() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void unconfigured() throws Exception {
        lab.resetClient();
        Files.createDirectories(scratch.resolve("tftp"));
    }

    @Test
    void plainLeaseMatchesDnsmasqsConfiguration() throws Exception {
        try (Dnsmasq dnsmasq = Dnsmasq.start(lab, scratch, "dhcp", DHCP + "\n" + NO_PROXY_WAIT)) {
            ImageProcess.Result r = jpxe("""
                    #!ipxe
                    dhcp
                    echo ip=${net0/ip} netmask=${netmask} gateway=${gateway} dns=${dns} next-server=${next-server}
                    echo filename=${filename} domain=${domain} server=${dhcp-server} o67=${net0.dhcp/67}
                    echo o175.8=${net0.dhcp/175.8:uint8} o209=${209} o210=${net0.dhcp/210} mac=${net0/mac}
                    route
                    """);
            assertEquals(0, r.exitCode(), r::toString);
            String mac = line(r.stdout(), "o175.8=").replaceAll(".*mac=", "");
            String ip = field(r.stdout(), "ip");
            assertTrue(ip.matches("198\\.18\\.0\\.(1[0-4][0-9]|150)"), r::toString);
            assertEquals("netmask=255.255.255.0 gateway=198.18.0.1 dns=198.18.0.1 next-server=198.18.0.1",
                    line(r.stdout(), "ip=").replaceFirst("ip=\\S+ ", ""), r::toString);
            assertEquals("filename=boot.ipxe domain=boot.test server=198.18.0.1 o67=boot.ipxe",
                    line(r.stdout(), "filename="), r::toString);
            assertEquals("o175.8=0x1 o209=pxelinux.cfg/default o210=/prefix/ mac=" + mac,
                    line(r.stdout(), "o175.8="), r::toString);
            assertTrue(r.stdout().contains("net0: " + ip + "/255.255.255.0 gw 198.18.0.1"), r::toString);
            assertTrue(r.stderr().contains("Configuring (net0 " + mac + ")... ok"), r::toString);
            assertTrue(lab.clientAddresses().contains(ip + "/24"), "the lease is applied to the interface");
            // dnsmasq saw iPXE's identity and feature list
            assertTrue(dnsmasq.log().contains("vendor class: PXEClient:Arch:00007:UNDI:003010"), dnsmasq::log);
            assertTrue(dnsmasq.log().contains("user class: iPXE"), dnsmasq::log);
            assertTrue(dnsmasq.log().contains("tags: ipxe"), dnsmasq::log);
        }
    }

    @Test
    void proxyDhcpBesidePlainDhcpGivesTheBootFile() throws Exception {
        try (Dnsmasq dhcp = Dnsmasq.start(lab, scratch, "dhcp", DHCP);
                Dnsmasq proxy = Dnsmasq.start(lab, scratch, "proxy", String.join("\n",
                        "dhcp-range=198.18.0.0,proxy,255.255.255.0",
                        "pxe-service=BC_EFI,\"jPXE proxy\",proxy.ipxe",
                        "pxe-service=X86-64_EFI,\"jPXE proxy\",proxy.ipxe"))) {
            ImageProcess.Result r = jpxe("""
                    #!ipxe
                    dhcp
                    echo filename=${filename} dhcp=${net0.dhcp/filename} proxy=${proxydhcp/filename} vc=${proxydhcp/60}
                    """);
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals("filename=proxy.ipxe dhcp=boot.ipxe proxy=proxy.ipxe vc=PXEClient",
                    line(r.stdout(), "filename="), r::toString);
            assertTrue(proxy.log().contains("bootfile name: proxy.ipxe"), proxy::log);
        }
    }

    @Test
    void pxebsAsksDnsmasqsBootServerForItsType() throws Exception {
        // dnsmasq numbers the boot services it serves itself from 0x8000 and answers discovery on 4011
        try (Dnsmasq dnsmasq = Dnsmasq.start(lab, scratch, "pxebs", String.join("\n",
                "dhcp-range=198.18.0.100,198.18.0.150,255.255.255.0,1h", NO_PROXY_WAIT,
                "pxe-service=X86-64_EFI,\"jPXE boot server\",bootserver.ipxe"))) {
            ImageProcess.Result r = jpxe("""
                    #!ipxe
                    dhcp
                    pxebs net0 32768
                    echo pxebs=${pxebs/filename} type=${pxebs/43.71:hex} server=${pxebs/dhcp-server}
                    """);
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals("pxebs=bootserver.ipxe type=80:00:00:00 server=198.18.0.1", line(r.stdout(), "pxebs="),
                    r::toString);
            assertTrue(r.stderr().contains("PXEBS (net0 type 32768)... ok"), r::toString);
        }
    }

    @Test
    void autobootChainsTheFilenameOverTftpFromNextServer() throws Exception {
        Files.writeString(scratch.resolve("tftp/boot.ipxe"), """
                #!ipxe
                echo chained ${cwuri} on ${net0/ip}
                """);
        try (Dnsmasq dnsmasq = Dnsmasq.start(lab, scratch, "dhcp", DHCP + "\n" + NO_PROXY_WAIT
                + "\nenable-tftp\ntftp-root=" + scratch.resolve("tftp"))) {
            ImageProcess.Result r = jpxe("""
                    #!ipxe
                    autoboot
                    """);
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stdout().matches("(?s).*chained tftp://198\\.18\\.0\\.1/boot\\.ipxe on 198\\.18\\.0\\.1[0-5][0-9].*"),
                    r::toString);
        }
    }

    @Test
    void vlanDeviceLeasesFromTheTaggedNetwork() throws Exception {
        String vlan;
        try {
            vlan = lab.serverVlan(42, "198.18.42.1");
        } catch (IOException e) {
            if (!e.getMessage().contains("Unknown device type")) {
                throw e;
            }
            // a kernel without 802.1Q (no 8021q built in, no modules): vcreate must say so clearly
            ImageProcess.Result r = jpxe("""
                    #!ipxe
                    vcreate --tag 42 net0
                    """);
            assertEquals(1, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains(":2: Could not create VLAN device: Could not create VLAN net0-42: this kernel "
                    + "has no 802.1Q VLAN support (8021q)"), r::toString);
            return;
        }
        try (Dnsmasq dnsmasq = Dnsmasq.start(lab, vlan, scratch, "vlan", String.join("\n",
                "dhcp-range=198.18.42.100,198.18.42.150,255.255.255.0,1h", "dhcp-option=option:router,198.18.42.1",
                NO_PROXY_WAIT))) {
            ImageProcess.Result r = jpxe("""
                    #!ipxe
                    vcreate --tag 42 net0
                    dhcp net0-42
                    echo vlan-ip=${net0-42/ip} gateway=${net0-42/gateway}
                    ifstat net0-42
                    vdestroy net0-42
                    ifstat net0-42 || echo gone
                    """);
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(line(r.stdout(), "vlan-ip=").matches("vlan-ip=198\\.18\\.42\\.1[0-5][0-9] gateway=198\\.18\\.42\\.1"),
                    r::toString);
            assertTrue(r.stdout().contains("net0-42: "), r::toString);
            assertTrue(r.stdout().contains("gone"), r::toString);
        }
    }

    @Test
    void aVlanOfferedByDhcpIsCreatedAndLeasedOn() throws Exception {
        String trunkConfig = String.join("\n", "dhcp-range=set:trunk,198.18.0.100,198.18.0.150,255.255.255.0,1h",
                "dhcp-option-force=tag:trunk,vendor:PXEClient,116,\"43\"", "dhcp-boot=tag:trunk,trunk.ipxe",
                NO_PROXY_WAIT);
        String script = """
                #!ipxe
                dhcp net0
                echo vlan-ip=${net0-43/ip} filename=${filename} next-server=${next-server} trunk-ip=${net0/ip}
                route
                """;
        String vlan;
        try {
            vlan = lab.serverVlan(43, "198.18.43.1");
        } catch (IOException e) {
            if (!e.getMessage().contains("Unknown device type")) {
                throw e;
            }
            // no 802.1Q in this kernel: the offered VLAN is still honoured, so configuring fails saying why
            try (Dnsmasq dnsmasq = Dnsmasq.start(lab, scratch, "dhcpvlan", trunkConfig)) {
                ImageProcess.Result r = jpxe(script);
                assertEquals(1, r.exitCode(), r::toString);
                assertTrue(r.stderr().contains("Could not configure net0 (Could not create VLAN net0-43: this kernel "
                        + "has no 802.1Q VLAN support (8021q))"), r::toString);
            }
            return;
        }
        // one dnsmasq on both sides: the untagged lease names VLAN 43 in 43.116 (Tinkerbell's convention)
        try (Dnsmasq dnsmasq = Dnsmasq.start(lab, scratch, "dhcpvlan", String.join("\n", "interface=" + vlan,
                trunkConfig, "dhcp-range=set:v43,198.18.43.100,198.18.43.150,255.255.255.0,1h",
                "dhcp-boot=tag:v43,vlan.ipxe,,198.18.43.1"))) {
            ImageProcess.Result r = jpxe(script);
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(line(r.stdout(), "vlan-ip=").matches("vlan-ip=198\\.18\\.43\\.1[0-5][0-9] filename=vlan\\.ipxe "
                    + "next-server=198\\.18\\.43\\.1 trunk-ip="), r::toString);
            assertTrue(r.stdout().contains("net0-43: 198.18.43."), r::toString);
        }
    }

    @Test
    void namesResolveThroughTheDhcpGivenServerAndSearchDomain() throws Exception {
        try (Dnsmasq dnsmasq = Dnsmasq.start(lab, scratch, "dns", DHCP + "\n" + NO_PROXY_WAIT
                + "\nport=53\nlisten-address=198.18.0.1\naddress=/tftp.boot.test/198.18.0.7\nlocal=/test/")) {
            ImageProcess.Result r = jpxe("""
                    #!ipxe
                    dhcp
                    nslookup short tftp
                    nslookup full tftp.boot.test.
                    echo short=${short} full=${full}
                    nslookup missing nowhere.test
                    """);
            assertEquals(1, r.exitCode(), r::toString);
            assertEquals("short=198.18.0.7 full=198.18.0.7", line(r.stdout(), "short="), r::toString);
            assertTrue(r.stderr().contains(":6: Could not resolve \"nowhere.test\""), r::toString);
        }
    }

    @Test
    void namesInUrisResolveThroughTheDhcpGivenServer() throws Exception {
        Files.writeString(scratch.resolve("tftp/named.ipxe"), """
                #!ipxe
                echo fetched ${cwuri}
                """);
        try (Dnsmasq dnsmasq = Dnsmasq.start(lab, scratch, "dnsuri", DHCP + "\n" + NO_PROXY_WAIT
                + "\nport=53\nlisten-address=198.18.0.1\naddress=/bootserver.boot.test/198.18.0.1\nlocal=/test/"
                + "\nenable-tftp\ntftp-root=" + scratch.resolve("tftp"))) {
            ImageProcess.Result r = jpxe("""
                    #!ipxe
                    dhcp
                    chain tftp://bootserver/named.ipxe
                    """);
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stdout().contains("fetched tftp://bootserver/named.ipxe"), r::toString);
        }
    }

    @Test
    void noServerTimesOutAsIpxeDoes() throws Exception {
        ImageProcess.Result r = jpxe("""
                #!ipxe
                dhcp
                """);
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("Configuring (net0 "), r::toString);
        assertTrue(r.stderr().contains(")... Connection timed out"), r::toString);
        assertTrue(r.stderr().contains(":2: Could not configure net0: Connection timed out"), r::toString);
    }

    /** Runs {@code script} with the image inside the client namespace, attached to the lab's interface. */
    private ImageProcess.Result jpxe(String script) throws IOException, InterruptedException {
        Path file = scratch.resolve("test.ipxe");
        Files.writeString(file, script);
        List<String> cmd = new ArrayList<>(NetnsLab.in(lab.client, ImageProcess.command(PROFILE, "-D",
                "jpxe.netdev=" + lab.clientIf, "run", file.toString())));
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

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("<no line " + prefix + ">");
    }

    private static String field(String text, String name) {
        return line(text, name + "=").replaceFirst("^" + name + "=", "").replaceFirst(" .*", "");
    }
}
