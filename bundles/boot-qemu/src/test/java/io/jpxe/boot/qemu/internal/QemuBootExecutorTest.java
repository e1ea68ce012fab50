package io.jpxe.boot.qemu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

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

/**
 * The executor around a QEMU process. A stand-in program (a shell script with QEMU's name) shows what
 * QEMU is given and can read — the memory files included — and lets cancelling and time-outs be
 * timed; the real QEMU checks the failure path. Real guests boot in QemuExecutorIT.
 */
class QemuBootExecutorTest {
    private final ImageStoreImpl store = new ImageStoreImpl();
    private final RecordingConsole console = new RecordingConsole();

    @TempDir
    Path tmp;

    @AfterEach
    void release() {
        List.copyOf(store.images()).forEach(store::unregister);
    }

    private Image image(String name, byte[] data, String cmdline) throws Exception {
        try (ImageWriter writer = store.create(name, URI.create("http://boot.example/" + name))) {
            writer.write(0, ByteBuffer.wrap(data));
            Image image = writer.commit();
            image.commandLine(cmdline);
            return image;
        }
    }

    /** A program named qemu-system-x86_64 in a fresh PATH directory, with {@code body} as its script. */
    private String fakeQemu(String body) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path program = Files.writeString(bin.resolve("qemu-system-x86_64"), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin.toString();
    }

    private QemuBootExecutor executor(String path, Map<String, String> properties) {
        return new QemuBootExecutor(properties::get, Path.of("/"), path);
    }

    private static final String SHOW_ARGUMENTS = """
            while [ $# -gt 0 ]; do
              case "$1" in
                -kernel) echo "KERNEL $(head -c 6 "$2")"; shift;;
                -initrd) echo "INITRD $(cpio -t --quiet < "$2" | tr '\\n' ' ')"; shift;;
                -append) echo "APPEND $2"; shift;;
                -accel) echo "ACCEL $2"; shift;;
              esac
              shift
            done
            printf 'Hello from the guest\\r\\n'
            echo 'a warning' >&2
            """;

    @Test
    void streamsTheGuestAndEndsHandedOverWhenQemuExits() throws Exception {
        String path = fakeQemu(SHOW_ARGUMENTS);
        Image kernel = image("vmlinuz", "KERNEL-BYTES".getBytes(StandardCharsets.US_ASCII), "");
        Image conf = image("a.conf", "x=1\n".getBytes(StandardCharsets.US_ASCII), "/etc/a.conf mode=0600");
        BootPlan plan = new BootPlan(kernel, List.of(conf), "quiet panic=-1", "bzImage", Map.of());

        BootExecutor.Outcome outcome = executor(path, Map.of(QemuSettings.ACCEL, "tcg")).boot(plan, console);

        assertEquals(BootExecutor.Outcome.HANDED_OVER, outcome);
        assertEquals("""
                Booting vmlinuz in QEMU (tcg, 1G; Ctrl-C stops it)
                ACCEL tcg
                KERNEL KERNEL
                INITRD /etc/a.conf\s
                APPEND quiet panic=-1 console=ttyS0
                Hello from the guest
                """, console.printed());
        assertEquals("qemu: a warning\n", console.errors());
    }

    @Test
    void oneUnnamedInitrdIsPassedAsItIs() throws Exception {
        String path = fakeQemu("""
                while [ "$1" != -initrd ]; do shift; done
                cat "$2"; echo
                """);
        Image kernel = image("vmlinuz", new byte[] {1}, "");
        Image initrd = image("initrd.img", "RAW-INITRD".getBytes(StandardCharsets.US_ASCII), "");
        executor(path, Map.of()).boot(new BootPlan(kernel, List.of(initrd), "", "bzImage", Map.of()), console);
        assertTrue(console.printed().endsWith("RAW-INITRD\n"), console.printed());
    }

    @Test
    void aFailingQemuIsAnErrorWithItsLastWords() throws Exception {
        String path = fakeQemu("echo 'qemu-system-x86_64: -kernel: could not load kernel' >&2; exit 1\n");
        Image kernel = image("vmlinuz", new byte[] {1}, "");
        JpxeException e = assertThrows(JpxeException.class, () -> executor(path, Map.of())
                .boot(new BootPlan(kernel, List.of(), "", "bzImage", Map.of()), console));
        assertEquals(Errno.EIO, e.errno());
        assertTrue(e.getMessage().endsWith("exited with status 1 booting vmlinuz: qemu-system-x86_64: -kernel: "
                + "could not load kernel"), e.getMessage());
    }

    @Test
    void ctrlCStopsQemu() throws Exception {
        Path marker = tmp.resolve("still-running");
        String path = fakeQemu("echo started; trap 'exit 143' TERM; sleep 30 & wait; touch " + marker + "\n");
        Image kernel = image("vmlinuz", new byte[] {1}, "");
        console.interruptAt(5);
        long start = System.nanoTime();
        JpxeException e = assertThrows(JpxeException.class, () -> executor(path, Map.of())
                .boot(new BootPlan(kernel, List.of(), "", "bzImage", Map.of()), console));
        assertEquals(Errno.ECANCELED, e.errno());
        assertTrue(e.getMessage().contains("QEMU was stopped"), e.getMessage());
        assertTrue(System.nanoTime() - start < 15_000_000_000L, "stopped well before the guest's 30 s");
        assertTrue(Files.notExists(marker));
    }

    @Test
    void ctrlCThatAlsoEndedQemuIsStillACancel() throws Exception {
        // on a terminal, Ctrl-C reaches QEMU as well, and QEMU quits with status 0 on SIGINT
        String path = fakeQemu("echo 'qemu-system-x86_64: terminating on signal 2' >&2; exit 0\n");
        Image kernel = image("vmlinuz", new byte[] {1}, "");
        console.interruptAt(1);
        JpxeException e = assertThrows(JpxeException.class, () -> executor(path, Map.of())
                .boot(new BootPlan(kernel, List.of(), "", "bzImage", Map.of()), console));
        assertEquals(Errno.ECANCELED, e.errno());
    }

    @Test
    void aTimeoutStopsQemu() throws Exception {
        String path = fakeQemu("sleep 30\n");
        Image kernel = image("vmlinuz", new byte[] {1}, "");
        JpxeException e = assertThrows(JpxeException.class, () -> executor(path, Map.of(QemuSettings.TIMEOUT, "1"))
                .boot(new BootPlan(kernel, List.of(), "", "bzImage", Map.of()), console));
        assertEquals(Errno.ETIMEDOUT, e.errno());
        assertTrue(e.getMessage().contains("still running in QEMU after 1 s (jpxe.qemu.timeout)"), e.getMessage());
    }

    @Test
    void aMissingQemuNamesThePackage() throws Exception {
        Image kernel = image("vmlinuz", new byte[] {1}, "");
        JpxeException e = assertThrows(JpxeException.class, () -> executor(tmp.toString(), Map.of())
                .boot(new BootPlan(kernel, List.of(), "", "bzImage", Map.of()), console));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("cannot boot vmlinuz in QEMU: qemu-system-x86_64 is not installed (install the Debian "
                + "package qemu-system-x86, or set jpxe.qemu.binary)", e.getMessage());
        assertEquals("", console.printed());
    }

    @Test
    void theRealQemuRefusesSomethingThatIsNotAKernel() throws Exception {
        assumeTrue(QemuCommand.locate("qemu-system-x86_64", System.getenv("PATH")).isPresent(),
                "qemu-system-x86 is installed by tools/test.sh");
        Image notKernel = image("notes.txt", "just some text, not a kernel\n".getBytes(StandardCharsets.US_ASCII), "");
        JpxeException e = assertThrows(JpxeException.class, () -> executor(System.getenv("PATH"),
                Map.of(QemuSettings.ACCEL, "tcg", QemuSettings.TIMEOUT, "60"))
                .boot(new BootPlan(notKernel, List.of(), "", "bzImage", Map.of()), console));
        assertEquals(Errno.EIO, e.errno());
        assertTrue(e.getMessage().contains("exited with status 1 booting notes.txt"), e.getMessage());
        assertTrue(console.errors().startsWith("qemu: "), console.errors());
    }
}
