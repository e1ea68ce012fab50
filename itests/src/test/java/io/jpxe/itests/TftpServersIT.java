package io.jpxe.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The TFTP client against both real servers: atftpd, which negotiates RFC 7440 windowsize, and
 * tftpd-hpa, which ignores it (jPXE must fall back to lock-step). The file is larger than 65536
 * blocks of 1432 bytes, so block numbers roll over in both, and its SHA-256 in the boot plan must
 * match.
 */
class TftpServersIT {

    /** 96 MiB: 70 296 blocks of 1432 bytes, past the 16-bit block number. */
    private static final long ROLLOVER_SIZE = 96L << 20;

    @TempDir
    static Path files;

    private static Path big;
    private static Atftpd atftpd;
    private static TftpdHpa tftpdHpa;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serve() throws Exception {
        big = files.resolve("big.img");
        Random random = new Random(7440);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(big)) {
            for (long written = 0; written < ROLLOVER_SIZE; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        atftpd = Atftpd.start();
        atftpd.put("vmlinuz", TestAssets.kernel());
        atftpd.put("big.img", big);
        tftpdHpa = TftpdHpa.start();
        tftpdHpa.put("vmlinuz", TestAssets.kernel());
        tftpdHpa.put("big.img", big);
    }

    @AfterAll
    static void stop() throws Exception {
        if (atftpd != null) {
            atftpd.close();
        }
        if (tftpdHpa != null) {
            tftpdHpa.close();
        }
    }

    @Test
    void atftpdNegotiatesAWindowAndTheFileArrivesIntact() throws Exception {
        JsonNode plan = boot(atftpd.baseUri());

        assertEquals(Sha256.of(TestAssets.kernel()), plan.get("kernel").get("sha256").asText());
        assertEquals(Sha256.of(big), plan.get("initrds").get(0).get("sha256").asText());
        assertEquals(ROLLOVER_SIZE, plan.get("initrds").get(0).get("size").asLong());
        String log = atftpd.log();
        assertTrue(log.contains("windowsize option -> 16"), log);
        assertTrue(log.contains("blksize option -> 1432"), log);
    }

    @Test
    void tftpdHpaIgnoresWindowsizeAndLockStepStillDeliversTheFile() throws Exception {
        JsonNode plan = boot(tftpdHpa.baseUri());

        assertEquals(Sha256.of(big), plan.get("initrds").get(0).get("sha256").asText());
        assertEquals(ROLLOVER_SIZE, plan.get("initrds").get(0).get("size").asLong());
    }

    @Test
    void aMissingFileOnAtftpdIsReportedWithTheServersError() throws Exception {
        Path script = Files.writeString(tmp.resolve("missing.ipxe"),
                "#!ipxe\nimgfetch " + atftpd.baseUri() + "no/such/file\n");
        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "minimal-tftp", "run", script.toString());

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains(atftpd.baseUri() + "no/such/file: TFTP error 1"), r::toString);
        assertFalse(r.stderr().contains("Exception"), r::toString);
    }

    private JsonNode boot(String base) throws IOException, InterruptedException {
        Path script = Files.writeString(tmp.resolve("boot.ipxe"),
                "#!ipxe\nkernel " + base + "vmlinuz\ninitrd " + base + "big.img\nboot\n");
        Path plan = tmp.resolve("plan.json");
        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "minimal-tftp", "run", script.toString(),
                "--boot=plan", "--plan-out", plan.toString());
        assertEquals(0, r.exitCode(), r::toString);
        return new ObjectMapper().readTree(plan.toFile());
    }
}
