package io.jpxe.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard profile's HTTP extras against real servers: iPXE's {@code params}/{@code param}
 * turning a fetch into a form POST (nginx logs the exact body), HTTPS with a client certificate
 * from {@code ${cert}}/{@code ${privkey}} (nginx with {@code ssl_verify_client on}, certificates
 * made by openssl here), and HTTP and HTTPS through {@code ${http-proxy}} (tinyproxy, CONNECT).
 */
class HttpExtrasIT {

    private static final String PROFILE = "standard";

    private static Nginx nginx;
    private static Tinyproxy proxy;
    private static String trust;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serve() throws Exception {
        nginx = Nginx.start();
        nginx.put("vmlinuz", TestAssets.kernel());
        nginx.put("client.key", nginx.clientKey());
        proxy = Tinyproxy.start(nginx.httpsPort);
        try (var in = Files.newInputStream(nginx.certificate())) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void paramsTurnAFetchIntoAPostOfTheForm() throws Exception {
        ImageProcess.Result r = run("""
                #!ipxe
                params
                param mac 52:54:00:12:34:56
                param --header X-Boot yes
                param name a b&c=d+e/é
                imgfetch --name first URI##params
                params --name second
                param --params second asset 42
                imgfetch --name second URI##params=second
                imgfetch --name third URI
                sha256sum first
                """.replace("URI", nginx.http() + "form"));

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(
                "POST /form body=[mac=52%3A54%3A00%3A12%3A34%3A56&name=a%20b%26c%3Dd%2Be%2F%C3%A9] x-boot=[yes]",
                "POST /form body=[asset=42] x-boot=[-]",
                "GET /form body=[-] x-boot=[-]"), nginx.formLog().lines().toList());
        assertTrue(r.stdout().contains(Sha256.of(TestAssets.kernel()) + "  first"), r::toString);
    }

    @Test
    void httpsPresentsTheClientCertificateOfCertAndPrivkey() throws Exception {
        String certHex;
        try (var in = Files.newInputStream(nginx.clientCertificate())) {
            certHex = HexFormat.ofDelimiter(":").formatHex(
                    CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded());
        }
        // ${cert} as iPXE's hex DER, ${privkey} as the name of a downloaded image (PEM).
        ImageProcess.Result ok = run("""
                #!ipxe
                imgfetch HTTPclient.key
                set privkey:string client.key
                imgfetch MTLSvmlinuz
                sha256sum vmlinuz
                """.replace("HTTP", nginx.http()).replace("MTLS", nginx.mtls()), "--set", "trust=" + trust,
                "--set", "cert=" + certHex);
        ImageProcess.Result without = run("#!ipxe\nimgfetch " + nginx.mtls() + "vmlinuz\n", "--set", "trust=" + trust);

        assertEquals(0, ok.exitCode(), ok::toString);
        assertTrue(ok.stdout().contains(Sha256.of(TestAssets.kernel()) + "  vmlinuz"), ok::toString);
        assertEquals(1, without.exitCode(), without::toString);
        assertTrue(without.stderr().contains("400"), without::toString);
    }

    @Test
    void httpAndHttpsGoThroughTheProxy() throws Exception {
        ImageProcess.Result r = run("""
                #!ipxe
                imgfetch --name plain HTTPvmlinuz
                imgfetch --name secure HTTPSvmlinuz
                sha256sum plain secure
                """.replace("HTTPS", nginx.https("localhost")).replace("HTTP", nginx.http()),
                "--set", "trust=" + trust, "--set", "http-proxy=" + proxy.uri());

        assertEquals(0, r.exitCode(), r::toString);
        String sha = Sha256.of(TestAssets.kernel());
        assertTrue(r.stdout().contains(sha + "  plain") && r.stdout().contains(sha + "  secure"), r::toString);
        String log = proxy.log();
        assertTrue(log.contains("CONNECT localhost:" + nginx.httpsPort), log);
        assertTrue(log.contains("GET " + nginx.http() + "vmlinuz"), log);
        assertFalse(r.stderr().contains("Exception"), r::toString);
    }

    private ImageProcess.Result run(String script, String... settings) throws IOException, InterruptedException {
        Path file = Files.writeString(tmp.resolve("script.ipxe"), script);
        List<String> args = new ArrayList<>(List.of("run", file.toString()));
        args.addAll(List.of(settings));
        ProcessBuilder pb = new ProcessBuilder(TransferLab.command(PROFILE, args.toArray(String[]::new)));
        pb.environment().put("JPXE_CACHE", tmp.resolve("cache").toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> ImageProcess.read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> ImageProcess.read(p.getErrorStream()));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("jpxe did not finish in 120 s:\n" + script);
        }
        return new ImageProcess.Result(p.exitValue(), out.join(), err.join());
    }
}
