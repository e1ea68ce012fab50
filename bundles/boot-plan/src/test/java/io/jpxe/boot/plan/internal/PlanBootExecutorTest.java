package io.jpxe.boot.plan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootExecutor;
import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageWriter;
import io.jpxe.images.internal.ImageStoreImpl;
import io.jpxe.testkit.RecordingConsole;

class PlanBootExecutorTest {
    private final ImageStoreImpl store = new ImageStoreImpl();
    private final RecordingConsole console = new RecordingConsole();

    @TempDir
    Path dir;

    @AfterEach
    void release() {
        List.copyOf(store.images()).forEach(store::unregister);
    }

    private Image image(String name, String uri, byte[] data, String cmdline) throws Exception {
        try (ImageWriter writer = store.create(name, uri == null ? null : URI.create(uri))) {
            writer.write(0, ByteBuffer.wrap(data));
            Image image = writer.commit();
            image.commandLine(cmdline);
            return image;
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private BootPlan plan(byte[] kernelBytes, byte[] initrdBytes, byte[] modulesBytes) throws Exception {
        Image kernel = image("vmlinuz", "http://boot.example/linux/vmlinuz", kernelBytes, "");
        Image initrd = image("initrd.img", "http://boot.example/linux/initrd.img", initrdBytes, "");
        Image modules = image("mod \"x\"\\y", null, modulesBytes, "/lib/modules.cpio\nmode=644");
        Map<String, String> details = new LinkedHashMap<>();
        details.put("boot_protocol", "2.15");
        details.put("kernel_version", "6.12.0 \"test\"");
        return new BootPlan(kernel, List.of(initrd, modules), "console=ttyS0,115200 quiet \u0001", "bzImage", details);
    }

    @Test
    void writesTheJsonPlanAtomicallyAndItParsesBack() throws Exception {
        byte[] kernelBytes = bytes(40_000, 1);
        byte[] initrdBytes = bytes(70_001, 2);
        byte[] modulesBytes = bytes(3, 3);
        Path out = dir.resolve("plan.json");
        Files.writeString(out, "an older plan");

        BootExecutor.Outcome outcome = new PlanBootExecutor(out).boot(plan(kernelBytes, initrdBytes, modulesBytes),
                console);

        assertEquals(BootExecutor.Outcome.HANDED_OVER, outcome);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no temporary file is left behind");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(Files.readString(out));
        assertEquals(List.of("executor", "kernel", "initrds", "cmdline", "details"), List.copyOf(json.keySet()));
        assertEquals("plan", json.get("executor"));
        assertEquals("console=ttyS0,115200 quiet \u0001", json.get("cmdline"));
        assertEquals(Map.of("boot_protocol", "2.15", "kernel_version", "6.12.0 \"test\""), json.get("details"));

        Map<?, ?> kernel = (Map<?, ?>) json.get("kernel");
        assertEquals("vmlinuz", kernel.get("name"));
        assertEquals("http://boot.example/linux/vmlinuz", kernel.get("uri"));
        assertEquals((long) kernelBytes.length, kernel.get("size"));
        assertEquals(sha256(kernelBytes), kernel.get("sha256"));
        assertEquals("bzImage", kernel.get("type"));
        assertEquals("", kernel.get("cmdline"));

        List<?> initrds = (List<?>) json.get("initrds");
        assertEquals(2, initrds.size());
        Map<?, ?> first = (Map<?, ?>) initrds.get(0);
        assertEquals("initrd.img", first.get("name"));
        assertEquals((long) initrdBytes.length, first.get("size"));
        assertEquals(sha256(initrdBytes), first.get("sha256"));
        Map<?, ?> second = (Map<?, ?>) initrds.get(1);
        assertEquals("mod \"x\"\\y", second.get("name"));
        assertNull(second.get("uri"));
        assertTrue(second.containsKey("uri"));
        assertEquals(sha256(modulesBytes), second.get("sha256"));
        assertEquals("/lib/modules.cpio\nmode=644", second.get("cmdline"));
    }

    @Test
    void printsASummary() throws Exception {
        byte[] kernelBytes = bytes(1234, 4);
        BootPlan plan = plan(kernelBytes, bytes(10, 5), bytes(1, 6));

        new PlanBootExecutor((Path) null).boot(plan, console);

        String text = console.printed();
        assertTrue(text.contains("kernel vmlinuz\n"), text);
        assertTrue(text.contains("uri      http://boot.example/linux/vmlinuz\n"), text);
        assertTrue(text.contains("size     1234 bytes\n"), text);
        assertTrue(text.contains("sha256   " + sha256(kernelBytes) + "\n"), text);
        assertTrue(text.contains("type     bzImage\n    boot_protocol 2.15\n"), text);
        assertTrue(text.indexOf("initrd 1 initrd.img") < text.indexOf("initrd 2 mod"), text);
        assertTrue(text.contains("uri      (local)\n"), text);
        assertTrue(text.contains("cmdline  \"/lib/modules.cpio\nmode=644\""), text);
        assertTrue(text.endsWith("cmdline \"console=ttyS0,115200 quiet \u0001\"\n"), text);
        assertEquals(List.of(), console.progressEvents(), "the plan executor shows no progress");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anUnwritableTargetFailsWithoutHandingOver() throws Exception {
        Path out = dir.resolve("missing-dir").resolve("plan.json");
        JpxeException e = assertThrows(JpxeException.class,
                () -> new PlanBootExecutor(out).boot(plan(bytes(1, 7), bytes(1, 8), bytes(1, 9)), console));
        assertEquals(Errno.EIO, e.errno());
        assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
        assertEquals("", console.printed() + console.errors(), "nothing is reported as booted");
    }

    @Test
    void quotesEveryCharacterJsonRequires() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0000\\u001f\\u2028é\"",
                PlanJson.quote("a\"b\\c\n\r\t\b\f\u0000\u001f\u2028é"));
        assertEquals("null", PlanJson.quote(null));
        assertEquals("a\"b\\c\n\u0000\u2028é", MiniJson.parse(PlanJson.quote("a\"b\\c\n\u0000\u2028é")));
    }
}
