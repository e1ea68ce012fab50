package io.jpxe.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosted mode's real boot: the exported standard jar runs a script with {@code --boot=qemu}, and
 * QEMU (TCG here; see BOOT.md) boots Debian's kernel with the demo initrd plus a file named into the
 * initramfs by iPXE's rule. The guest's own serial lines prove each part: its marker, the command
 * line it was given ({@code console=ttyS0} added by the executor), the named file's contents. The
 * guest powers off, which ends the boot as handed over (exit status 0).
 */
class QemuExecutorIT {
    @TempDir
    Path tmp;

    private Path script(String body) throws Exception {
        return Files.writeString(tmp.resolve("boot.ipxe"), "#!ipxe\n" + body);
    }

    @Test
    void bootsTheKernelInQemuAndStreamsItsConsole() throws Exception {
        Path conf = Files.writeString(tmp.resolve("demo.conf"), "greeting=named by jPXE\n");
        Path script = script("""
                echo booting in qemu
                kernel %s panic=-1 quiet
                initrd %s
                initrd %s /etc/jpxe-demo.conf mode=0600 mkdir=1
                boot
                echo never printed
                """.formatted(TestAssets.kernel().toUri(), TestAssets.initrd().toUri(), conf.toUri()));

        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "standard", "run", script.toString(),
                "--boot=qemu", "-D", "jpxe.qemu.timeout=100");

        assertEquals(0, r.exitCode(), r::toString);
        String out = r.stdout();
        assertTrue(out.contains("Booting vmlinuz in QEMU (tcg, "), r::toString);
        assertTrue(out.contains("Hello from the jPXE demo initrd\n"), r::toString);
        assertTrue(out.contains("JPXE-TARGET-MARKER cmdline=[panic=-1 quiet console=ttyS0]\n"), r::toString);
        assertTrue(out.contains("JPXE-TARGET-FILE /etc/jpxe-demo.conf: greeting=named by jPXE\n"), r::toString);
        assertTrue(out.indexOf("booting in qemu") < out.indexOf("Hello from the jPXE demo initrd"), r::toString);
        assertFalse(out.contains("never printed"), r::toString);
    }

    @Test
    void aMissingQemuIsAClearErrorNamingThePackage() throws Exception {
        Path script = script("kernel %s\nboot\n".formatted(TestAssets.kernel().toUri()));

        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "standard", "run", script.toString(),
                "--boot=qemu", "-D", "jpxe.qemu.binary=" + tmp.resolve("no-qemu-here"));

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("install the Debian package qemu-system-x86"), r::toString);
        assertFalse(r.stdout().contains("Booting vmlinuz"), r::toString);
    }
}
