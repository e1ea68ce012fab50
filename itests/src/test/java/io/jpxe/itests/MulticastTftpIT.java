package io.jpxe.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multicast TFTP between two network namespaces: atftpd in the server's, two jPXE processes at once
 * in the client's. {@code tftm://} (RFC 2090): the second client joins the running transfer as a
 * non-master, takes the blocks flowing, and gets the rest once the server promotes it.
 * {@code mtftp://} (PXE MTFTP): the second client listens first and collects the blocks of the
 * first one's transfer. A file MTFTP does not serve falls back to plain TFTP. Every copy must have
 * the file's SHA-256. The server's sending rate is capped (tbf) so that the transfers overlap.
 */
class MulticastTftpIT {

    private static final String PROFILE = "minimal-tftp";

    @TempDir
    static Path files;

    private static TransferLab lab;
    private static Atftpd atftpd;
    private static Path tftm;
    private static Path mtftp;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serve() throws Exception {
        lab = TransferLab.create();
        tftm = random(files.resolve("tftm.bin"), 6 << 20, 2090);
        mtftp = random(files.resolve("mtftp.bin"), 3 << 20, 1759);
        atftpd = Atftpd.startMulticast(lab.server, TransferLab.SERVER_IP,
                Map.of("tftm.bin", tftm, "mtftp.bin", mtftp, "other.bin", mtftp), "mtftp.bin");
    }

    @AfterAll
    static void stop() throws Exception {
        if (atftpd != null) {
            atftpd.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void heal() throws Exception {
        lab.heal();
    }

    @Test
    void twoClientsShareOneRfc2090Transfer() throws Exception {
        lab.limitServerRate("4mbit"); // ~12 s for 6 MiB: the second client starts well within it
        String uri = "tftm://" + TransferLab.SERVER_IP + "/tftm.bin";

        Process first = fetch("first", uri);
        awaitLog(log -> log.contains("multicast option -> 239.255.42.1,1758,1"));
        Process second = fetch("second", uri);
        ImageProcess.Result a = TransferLab.await(first, tmp, "first", 90);
        ImageProcess.Result b = TransferLab.await(second, tmp, "second", 90);

        String sha = Sha256.of(tftm);
        assertEquals(0, a.exitCode(), a::toString);
        assertEquals(0, b.exitCode(), b::toString);
        assertTrue(a.stdout().contains(sha + "  tftm.bin"), a::toString);
        assertTrue(b.stdout().contains(sha + "  tftm.bin"), b::toString);
        String log = atftpd.log();
        assertTrue(log.contains("multicast option -> 239.255.42.1,1758,0"),
                "the second client joined the running transfer as a non-master:\n" + log);
    }

    @Test
    void twoPxeMtftpClientsShareTheGroup() throws Exception {
        lab.limitServerRate("4mbit");
        String uri = "mtftp://" + TransferLab.SERVER_IP + "/mtftp.bin";

        Process first = fetch("first", uri);
        awaitLog(log -> log.contains("serving mtftp.bin"));
        Process second = fetch("second", uri);
        ImageProcess.Result a = TransferLab.await(first, tmp, "first", 90);
        ImageProcess.Result b = TransferLab.await(second, tmp, "second", 90);

        String sha = Sha256.of(mtftp);
        assertEquals(0, a.exitCode(), a::toString);
        assertEquals(0, b.exitCode(), b::toString);
        assertTrue(a.stdout().contains(sha + "  mtftp.bin"), a::toString);
        assertTrue(b.stdout().contains(sha + "  mtftp.bin"), b::toString);
    }

    @Test
    void mtftpFallsBackToTftpForAFileNoMtftpServerOffers() throws Exception {
        ImageProcess.Result r = TransferLab.await(fetch("fallback", "mtftp://" + TransferLab.SERVER_IP + "/other.bin"),
                tmp, "fallback", 90);

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(Sha256.of(mtftp) + "  other.bin"), r::toString);
        awaitLog(log -> log.contains("mtftp: no server found for file ") && log.contains("/other.bin"));
    }

    private Process fetch(String name, String uri) throws IOException {
        Path script = Files.writeString(tmp.resolve(name + ".ipxe"), "#!ipxe\nimgfetch " + uri + "\nsha256sum "
                + uri.substring(uri.lastIndexOf('/') + 1) + "\n");
        return lab.startJpxe(tmp, name, PROFILE, "run", script.toString());
    }

    private static void awaitLog(Predicate<String> seen) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (seen.test(atftpd.log())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("atftpd never logged what was awaited:\n" + atftpd.log());
    }

    private static Path random(Path file, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }
}
