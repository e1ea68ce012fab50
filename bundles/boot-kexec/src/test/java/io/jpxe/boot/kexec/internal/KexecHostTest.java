package io.jpxe.boot.kexec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KexecHostTest {
    @TempDir
    Path root;

    private void write(String file, String text) throws Exception {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void readsLockdownCapabilitiesAndTheSwitch() throws Exception {
        write("sys/kernel/security/lockdown", "none [integrity] confidentiality\n");
        write("proc/self/status", "Name:\tjava\nCapInh:\t0000000000000000\nCapEff:\t0000000000000000\n");
        write("proc/sys/kernel/kexec_load_disabled", "1\n");
        KexecHost host = KexecHost.read(root);
        assertEquals(Optional.of("integrity"), host.lockdown());
        assertTrue(host.lockedDown());
        assertFalse(host.capSysBoot());
        assertTrue(host.loadDisabled());
    }

    @Test
    void rootWithoutLockdown() throws Exception {
        write("sys/kernel/security/lockdown", "[none] integrity confidentiality\n");
        write("proc/self/status", "CapEff:\t000001ffffffffff\n");
        write("proc/sys/kernel/kexec_load_disabled", "0\n");
        KexecHost host = KexecHost.read(root);
        assertEquals(Optional.of("none"), host.lockdown());
        assertFalse(host.lockedDown());
        assertTrue(host.capSysBoot());
        assertFalse(host.loadDisabled());
    }

    @Test
    void whatCannotBeReadIsAssumedHarmless() {
        assertEquals(new KexecHost(Optional.empty(), true, false), KexecHost.read(root));
    }

    @Test
    void readsThisMachine() throws Exception {
        // the real files parse (whatever they say here): CAP_SYS_BOOT matches the CapEff line
        KexecHost host = KexecHost.current();
        String status = Files.readString(Path.of("/proc/self/status"));
        String capEff = status.lines().filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow();
        long caps = Long.parseUnsignedLong(capEff.substring(7).trim(), 16);
        assertEquals((caps & (1L << 22)) != 0, host.capSysBoot());
    }
}
