package io.jpxe.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfers through a bad network, inside two namespaces: random loss with iptables
 * {@code statistic}, 20 ms of delay from an NFQUEUE helper (this kernel has no netem), a rate cap
 * with tbf; and servers killed mid-transfer. Each file that arrives must have its SHA-256; a
 * transfer that cannot finish must say what happened, in time, and leave no image behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransferFaultsIT {

    private static final String PROFILE = "standard";
    private static final int SIZE = 2 << 20;

    @TempDir
    static Path files;

    private static TransferLab lab;
    private static Atftpd atftpd;
    private static Nginx nginx;
    private static Vsftpd vsftpd;
    private static Path file;
    private static Path delayHelper;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serve() throws Exception {
        lab = TransferLab.create();
        file = files.resolve("random.bin");
        byte[] bytes = new byte[SIZE];
        new Random(2026).nextBytes(bytes);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
        List<String> inServer = List.of("ip", "netns", "exec", lab.server);
        atftpd = Atftpd.startMulticast(lab.server, TransferLab.SERVER_IP, Map.of("random.bin", file, "vmlinuz", TestAssets.kernel()),
                "random.bin");
        nginx = Nginx.start(inServer, TransferLab.SERVER_IP);
        nginx.put("random.bin", file);
        nginx.put("vmlinuz", TestAssets.kernel());
        vsftpd = Vsftpd.start(inServer, TransferLab.SERVER_IP);
        vsftpd.put("random.bin", file);
        delayHelper = TransferLab.buildDelayHelper(files);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable server : new AutoCloseable[] {atftpd, nginx, vsftpd, lab}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @AfterEach
    void heal() throws Exception {
        lab.heal();
    }

    @Test
    @Order(1)
    void tftpDeliversTheFileThrough30PercentLoss() throws Exception {
        lab.dropFromServer(30);

        long start = System.nanoTime();
        ImageProcess.Result r = fetch("lossy", 300, "tftp://" + TransferLab.SERVER_IP + "/random.bin");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(Sha256.of(file) + "  random.bin"), r::toString);
        System.out.println("TFTP, 2 MiB, 30 % loss from the server: " + seconds + " s including start-up");
    }

    @Test
    @Order(2)
    void everyProtocolDeliversTheFileThrough10PercentLossAnd20MsOfDelay() throws Exception {
        Process delay = lab.delayFromServer(delayHelper, 20);
        try {
            lab.dropFromServer(10);
            String host = TransferLab.SERVER_IP;
            long start = System.nanoTime();
            ImageProcess.Result r = fetch("slow", 300, "http://" + host + ":" + nginx.httpPort + "/random.bin",
                    vsftpd.base() + "random.bin", "tftp://" + host + "/random.bin");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;

            assertEquals(0, r.exitCode(), r::toString);
            String sha = Sha256.of(file);
            assertEquals(3, r.stdout().lines().filter(l -> l.equals(sha + "  random.bin")).count(), r::toString);
            System.out.println("HTTP + FTP + TFTP, 2 MiB each, 10 % loss and 20 ms delay: " + seconds
                    + " s including start-up");
        } finally {
            delay.destroy();
            delay.waitFor();
        }
    }

    @Test
    @Order(3)
    void aServerKilledMidTransferGivesAClearErrorInTimeAndNoImage() throws Exception {
        lab.limitServerRate("4mbit"); // the 8 MB kernel takes ~16 s: time to kill the servers midway
        String http = "http://" + TransferLab.SERVER_IP + ":" + nginx.httpPort + "/vmlinuz";
        String tftp = "tftp://" + TransferLab.SERVER_IP + "/vmlinuz";

        Process httpFetch = start("http", http);
        Process tftpFetch = start("tftp", tftp);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!atftpd.log().contains("Serving vmlinuz") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(2_000); // both transfers are under way (they started together)
        lab.killInServer("nginx");
        lab.killInServer("atftpd");
        long killed = System.nanoTime();
        ImageProcess.Result h = TransferLab.await(httpFetch, tmp, "http", 60);
        ImageProcess.Result t = TransferLab.await(tftpFetch, tmp, "tftp", 60);
        long seconds = (System.nanoTime() - killed) / 1_000_000_000L;

        assertEquals(1, h.exitCode(), h::toString);
        assertTrue(h.stderr().contains(http) && h.stderr().matches("(?s).*(refused|reset|closed).*"), h::toString);
        assertEquals(1, t.exitCode(), t::toString);
        assertTrue(t.stderr().contains(tftp + ": no reply while waiting for block"), t::toString);
        for (ImageProcess.Result r : List.of(h, t)) {
            assertTrue(r.stdout().contains("images after the failure:"), r::toString);
            assertFalse(r.stdout().contains("big :"), "no image left behind:\n" + r);
            assertFalse(r.stderr().contains("Exception"), r::toString);
        }
        assertTrue(seconds < 40, "both failed within " + seconds + " s of the kill");
    }

    private ImageProcess.Result fetch(String name, int seconds, String... uris) throws IOException,
            InterruptedException {
        StringBuilder script = new StringBuilder("#!ipxe\n");
        for (int i = 0; i < uris.length; i++) {
            script.append("imgfetch --name random.bin ").append(uris[i]).append("\nsha256sum random.bin\n")
                    .append("imgfree random.bin\n");
        }
        Path path = Files.writeString(tmp.resolve(name + ".ipxe"), script);
        return lab.runJpxe(tmp, name, seconds, PROFILE, "run", path.toString());
    }

    private Process start(String name, String uri) throws IOException {
        Path path = Files.writeString(tmp.resolve(name + ".ipxe"), "#!ipxe\nimgfetch --name big " + uri
                + " || goto failed\nexit 0\n:failed\necho images after the failure:\nimgstat\nexit 1\n");
        return lab.startJpxe(tmp, name, PROFILE, "run", path.toString());
    }
}
