package io.jpxe.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A QEMU virtual machine with its serial console on a pipe: the test reads what the machine prints,
 * waits for lines, and types into the console. User-mode networking (slirp) only: the machine's
 * DHCP, TFTP and its view of the host (10.0.2.2 is the host's loopback) stay inside this process.
 * TCG unless KVM really works (this kind of machine has a paravirtual /dev/kvm that hangs guests).
 */
final class QemuMachine implements AutoCloseable {
    /** Terminal escape sequences and carriage returns, removed from what the console shows. */
    private static final Pattern ESCAPES = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]|\u001b[=>c78]|\r");

    private final Process process;
    private final Path log;
    private final StringBuilder console = new StringBuilder();
    private final Thread reader;
    private final long started = System.nanoTime();

    private QemuMachine(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.reader = Thread.ofPlatform().daemon().name("qemu-console").start(this::pump);
    }

    /** The QEMU options every test machine shares, followed by {@code machineArgs}. */
    static QemuMachine start(Path log, List<String> machineArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", accelerator(), "-smp", "2",
                "-m", "1024", "-nodefaults", "-display", "none", "-vga", "none", "-no-reboot", "-serial", "stdio"));
        command.addAll(machineArgs);
        Files.writeString(log, String.join(" ", command) + "\n");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new QemuMachine(process, log);
    }

    /** User networking with a TFTP root and a DHCP boot file name, on a virtio NIC. */
    static List<String> userNetwork(Path tftpRoot, String bootFile, String nic, String romFile) {
        String netdev = "user,id=n0,tftp=" + tftpRoot + (bootFile == null ? "" : ",bootfile=" + bootFile);
        String device = nic + ",netdev=n0" + (romFile == null ? "" : ",romfile=" + romFile);
        return List.of("-netdev", netdev, "-device", device);
    }

    private static String accelerator() {
        try {
            String cpu = Files.readString(Path.of("/proc/cpuinfo"));
            boolean virtualisation = cpu.contains(" vmx") || cpu.contains(" svm");
            return virtualisation && Files.isWritable(Path.of("/dev/kvm")) ? "kvm:tcg" : "tcg";
        } catch (IOException e) {
            return "tcg";
        }
    }

    private void pump() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getInputStream(); OutputStream copy = Files.newOutputStream(log,
                java.nio.file.StandardOpenOption.APPEND)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                copy.write(buffer, 0, n);
                copy.flush();
                String text = ESCAPES.matcher(new String(buffer, 0, n, StandardCharsets.ISO_8859_1)).replaceAll("");
                synchronized (console) {
                    console.append(text);
                    console.notifyAll();
                }
            }
        } catch (IOException e) {
            // the machine is gone; waiters see the process exit
        }
    }

    /** Everything the console printed so far (escape sequences removed). */
    String console() {
        synchronized (console) {
            return console.toString();
        }
    }

    /**
     * Waits until the console shows {@code text}; returns the seconds since QEMU started. Fails with
     * the console's last lines when the machine stops or the time is up.
     */
    double await(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (console) {
            while (console.indexOf(text) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new AssertionError("the machine's console never showed \"" + text + "\" ("
                            + (left <= 0 ? "timed out after " + timeout.toSeconds() + " s" : "QEMU exited")
                            + "; full log " + log + "); its last lines:\n" + tail(console.toString(), 40));
                }
                console.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Types {@code line} and Enter on the serial console. */
    void type(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\r").getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    /** Waits for QEMU to end (the guest powered off); false if it did not within the timeout. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        reader.join(2000);
    }
}
