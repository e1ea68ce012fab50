package io.jpxe.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The exported minimal-tftp jar as a process against a real tftpd-hpa: the acceptance
 * checks (plan JSON with the right sizes and SHA-256, features without HTTP or Gogo, usage errors,
 * clear failures naming the script and line).
 */
class LauncherProcessIT {
    private static TftpdHpa tftpd;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serve() throws Exception {
        tftpd = TftpdHpa.start();
        tftpd.put("vmlinuz", TestAssets.kernel());
        tftpd.put("initrd.img", TestAssets.initrd());
        tftpd.put("boot.ipxe", """
                #!ipxe
                echo booting from ${cwduri}
                kernel vmlinuz console=ttyS0
                initrd initrd.img
                imgargs vmlinuz console=ttyS0 root=/dev/ram0 quiet
                boot
                """.getBytes());
        tftpd.put("sub/missing.ipxe", """
                #!ipxe
                echo before
                kernel no-such-kernel
                echo never printed
                """.getBytes());
    }

    @AfterAll
    static void stop() throws Exception {
        tftpd.close();
    }

    @Test
    void runsAScriptFromTftpAndWritesTheBootPlan() throws Exception {
        Path plan = tmp.resolve("plan.json");
        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "minimal-tftp", "run",
                tftpd.baseUri() + "boot.ipxe", "--boot=plan", "--plan-out", plan.toString());

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("booting from " + tftpd.baseUri()), r::toString);
        JsonNode json = new ObjectMapper().readTree(plan.toFile());
        assertEquals("plan", json.get("executor").asText());
        JsonNode kernel = json.get("kernel");
        assertEquals(tftpd.baseUri() + "vmlinuz", kernel.get("uri").asText());
        assertEquals(Files.size(TestAssets.kernel()), kernel.get("size").asLong());
        assertEquals(Sha256.of(TestAssets.kernel()), kernel.get("sha256").asText());
        assertEquals("bzImage", kernel.get("type").asText());
        assertEquals("console=ttyS0 root=/dev/ram0 quiet", json.get("cmdline").asText());
        JsonNode initrds = json.get("initrds");
        assertEquals(1, initrds.size(), json::toString);
        assertEquals(tftpd.baseUri() + "initrd.img", initrds.get(0).get("uri").asText());
        assertEquals(Files.size(TestAssets.initrd()), initrds.get(0).get("size").asLong());
        assertEquals(Sha256.of(TestAssets.initrd()), initrds.get(0).get("sha256").asText());
        assertTrue(r.stdout().contains(Sha256.of(TestAssets.kernel())), "the human summary names the SHA-256");
    }

    @Test
    void aMissingFileFailsNamingTheScriptAndLine() throws Exception {
        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "minimal-tftp", "run",
                tftpd.baseUri() + "sub/missing.ipxe");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("before"), r::toString);
        assertFalse(r.stdout().contains("never printed"), r::toString);
        assertTrue(r.stderr().contains(tftpd.baseUri() + "sub/missing.ipxe:3:"), r::toString);
        assertTrue(r.stderr().contains("no-such-kernel"), r::toString);
    }

    @Test
    void featuresListNoHttpAndNoGogo() throws Exception {
        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "minimal-tftp", "features");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("io.jpxe.proto.tftp"), r::toString);
        assertTrue(r.stdout().contains("jpxe.uri.scheme: file mtftp tftm tftp"), r::toString);
        String lower = r.stdout().toLowerCase();
        for (String absent : List.of("http", "gogo", "fileinstall")) {
            assertFalse(lower.contains(absent), absent + " must not be in minimal-tftp:\n" + r.stdout());
        }
    }

    @Test
    void anUnknownOptionPrintsUsageAndExitsTwo() throws Exception {
        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "minimal-tftp", "--frobnicate");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("unknown option \"--frobnicate\""), r::toString);
        assertTrue(r.stderr().contains("Usage:"), r::toString);
    }

    @Test
    void versionNamesTheProfile() throws Exception {
        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "minimal-tftp", "--version");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().matches("jPXE \\S+ \\(profile minimal-tftp\\)\\s*"), r::toString);
    }

    @Test
    void aSecondRunReusesTheCacheAndALocalScriptWorks() throws Exception {
        Path script = Files.writeString(tmp.resolve("two-lines.ipxe"), "#!ipxe\necho hello ${n}\nexit 3\n");
        Path cache = tmp.resolve("cache");
        ImageProcess.Result first = ImageProcess.run(cache, "minimal-tftp", "run", script.toString(), "--set", "n=1");
        ImageProcess.Result second = ImageProcess.run(cache, "minimal-tftp", "run", script.toString(), "--set", "n=2");

        assertEquals(3, first.exitCode(), first::toString);
        assertEquals("hello 1\n", first.stdout());
        assertEquals(3, second.exitCode(), second::toString);
        assertEquals("hello 2\n", second.stdout());
    }
}
