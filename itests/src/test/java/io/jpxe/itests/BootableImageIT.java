package io.jpxe.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of the project, tested as iPXE users test iPXE: the {@code standard} profile's
 * bootable image starts in QEMU (TCG), gets its address from QEMU's DHCP, runs a script fetched
 * over TFTP, downloads a kernel and an initrd from nginx on the host over HTTP and kexecs into them;
 * the target prints its marker (with the command line it was given and a file jPXE named into its
 * initrd) and powers off. Three ways in: the ISO, the kernel/initrd pair chainloaded by the real
 * iPXE (Debian's, as a PXE ROM), and a failure path that must end in jPXE's shell.
 *
 * <p>The images are built by {@code tools/test.sh} ({@code -Djpxe.bootable}).
 */
class BootableImageIT {
    private static final Duration BOOT = Duration.ofMinutes(6);
    /** QEMU's user network shows the host's loopback as 10.0.2.2. */
    private static final String HOST = "10.0.2.2";
    private static final String CONF = "greetings from the boot server";

    private static Nginx nginx;
    private static Path image;

    @BeforeAll
    static void serveTheTarget() throws Exception {
        image = TestAssets.root().resolve("distributions/standard/target");
        for (String file : List.of("jpxe-standard.iso", "jpxe-standard.vmlinuz", "jpxe-standard.initrd")) {
            assertTrue(Files.isRegularFile(image.resolve(file)), image.resolve(file)
                    + " is missing: build with -Djpxe.bootable (tools/test.sh does)");
        }
        nginx = Nginx.start();
        nginx.put("vmlinuz", TestAssets.kernel());
        nginx.put("initrd.img", TestAssets.initrd());
        nginx.put("jpxe-standard.vmlinuz", image.resolve("jpxe-standard.vmlinuz"));
        nginx.put("jpxe-standard.initrd", image.resolve("jpxe-standard.initrd"));
        Path conf = Files.createTempFile("jpxe-demo", ".conf");
        Files.writeString(conf, CONF + "\n");
        nginx.put("demo.conf", conf);
        Files.delete(conf);
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }

    private static Path log(String name) throws IOException {
        Path dir = Files.createDirectories(TestAssets.root().resolve("itests/target/qemu"));
        return dir.resolve(name + ".log");
    }

    private static String http() {
        return "http://" + HOST + ":" + nginx.httpPort + "/";
    }

    /** The script the machines fetch over TFTP: kernel, a plain and a named initrd, boot. */
    private static void bootScript(Path tftp, String tag, boolean dhcpFirst) throws IOException {
        Files.writeString(tftp.resolve("boot.ipxe"), "#!ipxe\n"
                + (dhcpFirst ? "dhcp\n" : "")
                + "echo E2E-SCRIPT ${net0/ip} from ${cwduri}\n"
                + "kernel " + http() + "vmlinuz console=ttyS0 panic=-1 quiet jpxe.e2e=" + tag + "\n"
                + "initrd " + http() + "initrd.img\n"
                + "initrd " + http() + "demo.conf /etc/jpxe-demo.conf mode=0644\n"
                + "boot\n");
    }

    private static void assertTargetRan(QemuMachine machine, String tag) throws InterruptedException {
        double script = machine.await("E2E-SCRIPT 10.0.2.15 from tftp://" + HOST + "/", BOOT);
        double marker = machine.await("JPXE-TARGET-MARKER cmdline=[console=ttyS0 panic=-1 quiet jpxe.e2e=" + tag
                + "]", BOOT);
        machine.await("JPXE-TARGET-FILE /etc/jpxe-demo.conf: " + CONF, Duration.ofSeconds(30));
        System.out.printf("%s: script at %.1f s, target's marker at %.1f s after QEMU started%n", tag, script,
                marker);
        assertTrue(machine.awaitExit(Duration.ofSeconds(60)), "the target powers the machine off");
    }

    @Test
    void theIsoGetsDhcpRunsTheScriptAndKexecsTheKernel(@TempDir Path tftp) throws Exception {
        bootScript(tftp, "iso", false);
        List<String> args = new ArrayList<>(List.of("-cdrom", image.resolve("jpxe-standard.iso").toString(),
                "-boot", "d"));
        args.addAll(QemuMachine.userNetwork(tftp, "boot.ipxe", "virtio-net-pci", null));
        try (QemuMachine machine = QemuMachine.start(log("iso"), args)) {
            assertTargetRan(machine, "iso");
        }
    }

    @Test
    void realIpxeChainloadsTheKernelAndInitrdPair(@TempDir Path tftp) throws Exception {
        // iPXE's script hands jPXE the real script on the kernel command line: both would get the
        // same boot file name from QEMU's DHCP server
        Files.writeString(tftp.resolve("chain.ipxe"), "#!ipxe\n"
                + "kernel " + http() + "jpxe-standard.vmlinuz console=ttyS0 quiet panic=-1 jpxe.run=tftp://" + HOST
                + "/boot.ipxe\n"
                + "initrd " + http() + "jpxe-standard.initrd\n"
                + "boot\n");
        bootScript(tftp, "ipxe-chain", true);
        // SeaBIOS's sercon mirrors the BIOS text screen, where iPXE prints, to the serial port
        Path sercon = Files.write(tftp.resolve("sercon.bin"), new byte[] {(byte) 0xf8, 0x03});
        List<String> args = new ArrayList<>(List.of("-boot", "n", "-fw_cfg", "name=etc/sercon-port,file=" + sercon));
        args.addAll(QemuMachine.userNetwork(tftp, "chain.ipxe", "virtio-net-pci", null));
        try (QemuMachine machine = QemuMachine.start(log("ipxe"), args)) {
            machine.await("iPXE initialising devices", BOOT);
            machine.await("jpxe-standard.initrd", BOOT);
            assertTargetRan(machine, "ipxe-chain");
        }
    }

    @Test
    void aMissingKernelIsAClearErrorAndTheShellFollows(@TempDir Path tftp) throws Exception {
        Files.writeString(tftp.resolve("boot.ipxe"), "#!ipxe\n"
                + "kernel " + http() + "no-such-vmlinuz console=ttyS0\n"
                + "boot\n");
        List<String> args = new ArrayList<>(List.of("-kernel", image.resolve("jpxe-standard.vmlinuz").toString(),
                "-initrd", image.resolve("jpxe-standard.initrd").toString(), "-append",
                "console=ttyS0 quiet panic=-1"));
        args.addAll(QemuMachine.userNetwork(tftp, "boot.ipxe", "virtio-net-pci", null));
        try (QemuMachine machine = QemuMachine.start(log("fail"), args)) {
            machine.await("jpxe: the boot failed", BOOT);
            String console = machine.console();
            assertTrue(console.contains(http() + "no-such-vmlinuz"), "the error names the URI:\n" + console);
            assertTrue(console.contains("No such file or directory"), "the error says what was wrong:\n" + console);
            machine.await("iPXE> ", Duration.ofSeconds(60));
            machine.type("echo SHELL-ALIVE ${net0/ip}");
            machine.await("SHELL-ALIVE 10.0.2.15", Duration.ofSeconds(60));
            machine.type("exit");
            machine.await("powering off", Duration.ofSeconds(60));
            assertTrue(machine.awaitExit(Duration.ofSeconds(60)), "the machine powers off after the shell");
        }
    }
}
