package io.jpxe.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The standard profile's HTTP, HTTPS and FTP clients against real nginx and vsftpd started here:
 * kernel and initrd arrive with the right SHA-256 over each, through chunked bodies, redirects and
 * Basic auth; TLS failures and redirect loops give their clear messages.
 */
class TransferProtocolsIT {

    private static Nginx nginx;
    private static Vsftpd vsftpd;
    private static String certFingerprint;
    /** The same as a {@code hex} setting takes it (iPXE's colon form). */
    private static String trustSetting;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serve() throws Exception {
        nginx = Nginx.start();
        nginx.put("vmlinuz", TestAssets.kernel());
        nginx.put("initrd.img", TestAssets.initrd());
        vsftpd = Vsftpd.start();
        vsftpd.put("vmlinuz", TestAssets.kernel());
        vsftpd.put("initrd.img", TestAssets.initrd());
        try (var in = Files.newInputStream(nginx.certificate())) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            certFingerprint = HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            trustSetting = HexFormat.ofDelimiter(":").formatHex(HexFormat.of().parseHex(certFingerprint));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (vsftpd != null) {
            vsftpd.close();
        }
    }

    @Test
    void httpKernelAndChunkedInitrd() throws Exception {
        JsonNode plan = boot(nginx.http() + "vmlinuz", nginx.http() + "chunked/initrd.img");

        assertEquals(Sha256.of(TestAssets.kernel()), plan.get("kernel").get("sha256").asText());
        assertEquals(Sha256.of(TestAssets.initrd()), plan.get("initrds").get(0).get("sha256").asText());
    }

    @Test
    void httpFollowsARedirectAndAnswersBasicAuth() throws Exception {
        String auth = "http://" + Nginx.USER + ":" + Nginx.PASSWORD + "@127.0.0.1:" + nginx.httpPort + "/private/";
        JsonNode plan = boot(nginx.http() + "r302", auth + "initrd.img");

        assertEquals(Sha256.of(TestAssets.kernel()), plan.get("kernel").get("sha256").asText());
        assertEquals(Sha256.of(TestAssets.initrd()), plan.get("initrds").get(0).get("sha256").asText());
    }

    @Test
    void httpNamesARedirectLoopAndAMissingPassword() throws Exception {
        ImageProcess.Result loop = fetch(nginx.http() + "loop-a");
        ImageProcess.Result noAuth = fetch(nginx.http() + "private/initrd.img");

        assertEquals(1, loop.exitCode(), loop::toString);
        assertTrue(loop.stderr().contains("redirect loop"), loop::toString);
        assertTrue(noAuth.stderr().contains("HTTP 401 Unauthorized (the URI has no user:password@)"), noAuth::toString);
    }

    @Test
    void httpsWithTheServerTrustedByFingerprint() throws Exception {
        JsonNode plan = boot(List.of("--set", "trust=" + trustSetting), nginx.https("localhost") + "vmlinuz",
                nginx.https("localhost") + "initrd.img");

        assertEquals(Sha256.of(TestAssets.kernel()), plan.get("kernel").get("sha256").asText());
        assertEquals(Sha256.of(TestAssets.initrd()), plan.get("initrds").get(0).get("sha256").asText());
    }

    @Test
    void httpsTellsAnUnknownCaFromAWrongHost() throws Exception {
        ImageProcess.Result unknownCa = fetch(nginx.https("localhost") + "vmlinuz");
        ImageProcess.Result wrongHost = fetch(nginx.https("127.0.0.1") + "vmlinuz", "--set", "trust=" + trustSetting);

        assertEquals(1, unknownCa.exitCode(), unknownCa::toString);
        assertTrue(unknownCa.stderr().contains("a CA this machine does not trust"), unknownCa::toString);
        assertTrue(unknownCa.stderr().contains(certFingerprint), unknownCa::toString);
        assertTrue(wrongHost.stderr().contains("the certificate is for localhost, not 127.0.0.1"), wrongHost::toString);
        assertFalse(wrongHost.stderr().contains("Exception"), wrongHost::toString);
    }

    @Test
    void ftpAnonymousPassive() throws Exception {
        JsonNode plan = boot(vsftpd.base() + "vmlinuz", vsftpd.base() + "initrd.img");

        assertEquals(Sha256.of(TestAssets.kernel()), plan.get("kernel").get("sha256").asText());
        assertEquals(Sha256.of(TestAssets.initrd()), plan.get("initrds").get(0).get("sha256").asText());
    }

    @Test
    void ftpMissingFile() throws Exception {
        ImageProcess.Result r = fetch(vsftpd.base() + "no-such-file");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("FTP 550"), r::toString);
    }

    private JsonNode boot(String kernel, String initrd) throws IOException, InterruptedException {
        return boot(List.of(), kernel, initrd);
    }

    private JsonNode boot(List<String> extra, String kernel, String initrd) throws IOException, InterruptedException {
        Path script = Files.writeString(tmp.resolve("boot.ipxe"),
                "#!ipxe\nkernel " + kernel + "\ninitrd " + initrd + "\nboot\n");
        Path plan = tmp.resolve("plan.json");
        List<String> args = new ArrayList<>(List.of("run", script.toString(), "--boot=plan", "--plan-out",
                plan.toString()));
        args.addAll(extra);
        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "standard", args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::toString);
        return new ObjectMapper().readTree(plan.toFile());
    }

    private ImageProcess.Result fetch(String uri, String... extra) throws IOException, InterruptedException {
        Path script = Files.writeString(tmp.resolve("fetch.ipxe"), "#!ipxe\nimgfetch " + uri + "\n");
        List<String> args = new ArrayList<>(List.of("run", script.toString()));
        args.addAll(List.of(extra));
        return ImageProcess.run(tmp.resolve("cache"), "standard", args.toArray(String[]::new));
    }
}
