package io.jpxe.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script language in the exported images, as a user runs them: a netboot.xyz-style menu tree
 * (nested menus, {@code chain --autofree}, {@code goto ${target}}, {@code isset}/{@code iseq}
 * branches, an include named after {@code ${net0/mac:hexraw}}) in line mode with closed input and
 * in the terminal UI driven through a real tmux; and {@code ntp} against a real chronyd.
 */
class ScriptLanguageIT {
    private static final String PRELUDE = "isset ${net0/mac} || set net0/mac 52:54:00:12:34:56\n";

    @TempDir
    Path tmp;
    private Path menus;

    @BeforeEach
    void writeMenus() throws IOException {
        menus = Files.createDirectories(tmp.resolve("menus"));
        Files.writeString(menus.resolve("menu.ipxe"), "#!ipxe\n" + PRELUDE + """
                set menu-timeout:uint32 ${timeout}
                iseq ${platform} linux && set os-hint hosted-linux || set os-hint firmware
                :main
                menu netboot-style main menu (${os-hint})
                item --gap Distributions:
                item --key l linux Linux network installs
                item --key u utilities Utilities
                item --gap Other:
                item --key x exit Exit
                choose --default linux --timeout ${menu-timeout} target || goto cancelled
                goto ${target}
                :linux
                chain --autofree linux.ipxe || goto failed
                echo back in main after ${chosen}
                goto host
                :utilities
                echo utilities chosen
                goto host
                :host
                chain --autofree hosts/${net0/mac:hexraw}.ipxe || echo no host file for ${net0/mac:hexraw}
                exit 0
                :exit
                echo exit chosen
                exit 0
                :cancelled
                echo cancelled
                exit 1
                :failed
                echo failed
                exit 1
                """);
        Files.writeString(menus.resolve("linux.ipxe"), """
                #!ipxe
                menu Linux network installs
                item debian Debian
                item --default fedora Fedora
                choose --timeout ${menu-timeout} chosen || exit 1
                isset ${chosen} && echo linux menu chose ${chosen}
                iseq ${chosen} fedora && echo fedora branch || echo other branch
                """);
    }

    /** The MAC the images see as net0: a real NIC's, or the prelude's fallback. */
    private String hexMac() throws Exception {
        Path probe = Files.writeString(tmp.resolve("mac.ipxe"), "#!ipxe\n" + PRELUDE + "echo ${net0/mac:hexraw}\n");
        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "minimal-tftp", "run", probe.toString());
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout().trim();
    }

    @Test
    void netbootStyleMenuRunsInLineModeWithClosedInput() throws Exception {
        String mac = hexMac();
        Files.createDirectories(menus.resolve("hosts"));
        Files.writeString(menus.resolve("hosts/" + mac + ".ipxe"), "#!ipxe\necho host file for ${net0/mac}\n");
        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "minimal-tftp", "run",
                menus.resolve("menu.ipxe").toString(), "--set", "timeout=300");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("netboot-style main menu (hosted-linux)\nDistributions:\n  Linux network "
                + "installs\n  Utilities\nOther:\n  Exit\nSelected: Linux network installs (1)\n"), r.toString());
        assertTrue(r.stdout().contains("linux menu chose fedora\nfedora branch\nback in main after fedora\n"),
                r.toString());
        assertTrue(r.stdout().contains("host file for "), r.toString());
    }

    @Test
    void closedInputWithoutTimeoutCancelsTheMenu() throws Exception {
        ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "minimal-tftp", "run",
                menus.resolve("menu.ipxe").toString(), "--set", "timeout=0");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stdout().endsWith("cancelled\n"), r.toString());
    }

    @Test
    void terminalUiIsDrivenWithArrowsShortcutsAndEnterInTmux() throws Exception {
        String session = "jpxe-it-" + UUID.randomUUID().toString().substring(0, 8);
        Path done = tmp.resolve("done");
        List<String> java = ImageProcess.command("minimal-tftp", "run", menus.resolve("menu.ipxe").toString(),
                "--set", "timeout=60000");
        String shell = "JPXE_CACHE=" + tmp.resolve("cache") + " " + String.join(" ", java) + " 2>/dev/null; echo EXIT=$? > "
                + done + "; sleep 120"; // the pane stays to be read; the session is killed at the end
        tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", shell);
        try {
            String screen = awaitScreen(session, "netboot-style main menu");
            assertTrue(screen.contains("(60)") || screen.contains("(59)"), "no countdown on screen:\n" + screen);
            tmux("send-keys", "-t", session, "Down");
            String moved = awaitScreen(session, "\033[7m  Utilities");
            assertTrue(!moved.contains("(5"), "a key press must stop the countdown (retimeout 0):\n" + moved);
            tmux("send-keys", "-t", session, "Up", "Enter");
            awaitScreen(session, "Fedora");
            tmux("send-keys", "-t", session, "Down", "Up", "Enter");
            awaitFile(done);
            String end = capture(session);
            assertTrue(end.contains("linux menu chose debian") && end.contains("other branch")
                    && end.contains("back in main after debian"), end);
            assertEquals("EXIT=0", Files.readString(done).trim(), end);
        } finally {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor();
        }
    }

    @Test
    void featureSettingsTellWhatTheImageCarries() throws Exception {
        Path script = Files.writeString(tmp.resolve("features.ipxe"), "#!ipxe\n"
                + "echo ${feature/tftp} ${feature/command.choose} ${feature/scheme.file} [${feature/scheme.https}] "
                + "[${feature/gogo-ipxe}] ${feature/profile}\n");
        ImageProcess.Result minimal = ImageProcess.run(tmp.resolve("cache"), "minimal-tftp", "run", script.toString());
        assertEquals("1 1 1 [] [] minimal-tftp\n", minimal.stdout(), minimal.toString());
        ImageProcess.Result dev = ImageProcess.run(tmp.resolve("cache-dev"), "dev", "run", script.toString());
        // the dev image's FileInstall may print its own notes first
        assertTrue(dev.stdout().endsWith("\n1 1 1 [] [1] dev\n") || dev.stdout().equals("1 1 1 [] [1] dev\n"),
                dev.toString());
    }

    @Test
    void ntpQueriesARealChronyd() throws Exception {
        try (Chronyd chronyd = Chronyd.start(Files.createDirectories(tmp.resolve("chrony")))) {
            Path script = Files.writeString(tmp.resolve("ntp.ipxe"),
                    "#!ipxe\nntp 127.0.0.1:" + chronyd.port() + "\necho ok\n");
            ImageProcess.Result r = ImageProcess.run(tmp.resolve("cache"), "dev", "run", script.toString());
            assertEquals(0, r.exitCode(), r.toString());
            Matcher m = Pattern.compile("ntp: 127\\.0\\.0\\.1:\\d+ is ([+-]\\d+\\.\\d{3}) s ahead").matcher(r.stdout());
            assertTrue(m.find(), r.toString());
            // chronyd serves this machine's own clock: the offset is only the measuring error
            assertTrue(Math.abs(Double.parseDouble(m.group(1))) < 1.0, r.toString());
        }
    }

    private static void tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "tmux " + String.join(" ", args) + ": " + out);
    }

    private static String capture(String session) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "capture-pane", "-e", "-p", "-t", session).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static String awaitScreen(String session, String text) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = capture(session);
            if (screen.contains(text)) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("\"" + text + "\" never appeared; screen:\n" + screen);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && !Files.exists(file)) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(file), file + " was never written");
    }
}
