package io.jpxe.boot.kexec.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootExecutor;
import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.image.Image;
import io.jpxe.boot.linux.CpioNewc;
import io.jpxe.testkit.BytesImage;
import io.jpxe.testkit.RecordingConsole;

class KexecBootExecutorTest {
    private static final KexecHost ROOT = new KexecHost(Optional.of("none"), true, false);

    private final RecordingKexecSystem system = new RecordingKexecSystem();
    private final RecordingConsole console = new RecordingConsole() {
        @Override
        public java.io.PrintStream out() {
            system.calls.add("console");
            return super.out();
        }
    };

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static BytesImage image(String name, byte[] bytes, String commandLine) {
        BytesImage image = new BytesImage(name, bytes);
        image.commandLine(commandLine);
        return image;
    }

    private static BootPlan plan(Image kernel, List<Image> initrds) {
        return new BootPlan(kernel, initrds, "console=ttyS0 quiet", "bzImage", Map.of("cmdline_size", "2047"));
    }

    @Test
    void loadsTheKernelAndItsInitrdsThenSyncsAndReboots() throws Exception {
        byte[] kernelBytes = bytes(70_000, 1);
        byte[] initrdBytes = bytes(5_000, 2);
        byte[] config = "x=1\n".getBytes(StandardCharsets.US_ASCII);
        BootPlan plan = plan(image("vmlinuz", kernelBytes, ""),
                List.of(image("initrd.img", initrdBytes, ""), image("x.conf", config, "/etc/x.conf")));

        JpxeException e = assertThrows(JpxeException.class,
                () -> new KexecBootExecutor(system, () -> ROOT, true).boot(plan, console));

        // the recording kernel's reboot returns, which a real one does not: that is an error, and
        // what was loaded is unloaded again
        assertEquals(Errno.EIO, e.errno());
        assertEquals(List.of("open 100", "open 101", "kexec_file_load 100 101 20 0", "close 101", "close 100",
                "console", "sync", "reboot", "kexec_file_load -1 -1 0 1"), system.calls);
        assertTrue(console.printed().startsWith("Booting vmlinuz via kexec\n"), console.printed());
        assertArrayEquals("console=ttyS0 quiet\0".getBytes(StandardCharsets.US_ASCII), system.commandLine);
        assertArrayEquals(kernelBytes, system.opened.get(100));
        byte[] initrd = system.opened.get(101);
        assertArrayEquals(initrdBytes, java.util.Arrays.copyOf(initrd, initrdBytes.length), "first initrd as it is");
        byte[] header = CpioNewc.header("/etc/x.conf", 0100644, config.length);
        assertArrayEquals(header, java.util.Arrays.copyOfRange(initrd, 8192, 8192 + header.length),
                "the named initrd starts on the next page with its cpio header");
    }

    @Test
    void withoutInitrdsTheKernelSaysNoInitramfs() throws Exception {
        new KexecBootExecutor(system, () -> ROOT, false).boot(plan(image("vmlinuz", bytes(100, 3), ""), List.of()),
                console);
        assertEquals(List.of("open 100", "kexec_file_load 100 -1 20 4", "close 100", "console"), system.calls);
    }

    @Test
    void aDryRunLoadsButDoesNotReboot() throws Exception {
        BootExecutor.Outcome outcome = new KexecBootExecutor(system, () -> ROOT, false)
                .boot(plan(image("vmlinuz", bytes(100, 4), ""), List.of(image("i", bytes(10, 5), ""))), console);

        assertEquals(BootExecutor.Outcome.HANDED_OVER, outcome);
        assertTrue(system.calls.contains("kexec_file_load 100 101 20 0"), system.calls::toString);
        assertTrue(!system.calls.contains("sync") && !system.calls.contains("reboot"), system.calls::toString);
        assertEquals("kexec: vmlinuz is loaded; not booting it (jpxe.kexec.execute=false)\n", console.printed());
    }

    @Test
    void aRefusedLoadSaysWhyAndHandsNothingOver() {
        system.loadErrno = Errnos.EPERM;
        KexecHost user = new KexecHost(Optional.of("none"), false, false);
        JpxeException e = assertThrows(JpxeException.class, () -> new KexecBootExecutor(system, () -> user, true)
                .boot(plan(image("vmlinuz", bytes(100, 6), ""), List.of()), console));

        assertEquals(Errno.EPERM, e.errno());
        assertTrue(e.getMessage().contains("kexec needs root (CAP_SYS_BOOT)"), e.getMessage());
        assertEquals(List.of("open 100", "kexec_file_load 100 -1 20 4", "close 100"), system.calls);
        assertEquals("", console.printed());
    }

    @Test
    void aFailedRebootUnloadsTheKernel() {
        system.rebootErrno = Errnos.EPERM;
        JpxeException e = assertThrows(JpxeException.class, () -> new KexecBootExecutor(system, () -> ROOT, true)
                .boot(plan(image("vmlinuz", bytes(100, 7), ""), List.of()), console));

        assertEquals(Errno.EPERM, e.errno());
        assertTrue(e.getMessage().startsWith("reboot into vmlinuz (LINUX_REBOOT_CMD_KEXEC) failed with EPERM (1)"),
                e.getMessage());
        assertEquals("kexec_file_load -1 -1 0 1", system.calls.getLast());
    }

    @Test
    void aBadPlanIsRefusedBeforeAnythingIsOpened() {
        BootPlan tooLong = new BootPlan(image("vmlinuz", bytes(10, 8), ""), List.of(), "x".repeat(2047), "bzImage",
                Map.of("cmdline_size", "2047"));
        JpxeException e = assertThrows(JpxeException.class,
                () -> new KexecBootExecutor(system, () -> ROOT, true).boot(tooLong, console));
        assertEquals(Errno.E2BIG, e.errno());
        assertEquals(List.of(), system.calls);
    }
}
