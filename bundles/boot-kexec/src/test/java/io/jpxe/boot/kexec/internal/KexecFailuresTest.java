package io.jpxe.boot.kexec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

class KexecFailuresTest {
    private static final KexecHost ROOT = new KexecHost(Optional.of("none"), true, false);

    private static JpxeException load(int errno, KexecHost host) {
        return KexecFailures.load(errno, "vmlinuz", host, 20, 8_000_000, 1_000_000);
    }

    private static void assertMessage(JpxeException e, Errno errno, String... parts) {
        assertEquals(errno, e.errno(), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "\"" + part + "\" in: " + e.getMessage());
        }
    }

    @Test
    void permissionSaysWhatIsMissing() {
        assertMessage(load(Errnos.EPERM, new KexecHost(Optional.empty(), false, false)), Errno.EPERM,
                "kexec_file_load(vmlinuz) failed with EPERM (1): ", "kexec needs root (CAP_SYS_BOOT)");
        assertMessage(load(Errnos.EPERM, new KexecHost(Optional.of("none"), true, true)), Errno.EPERM,
                "kexec_load_disabled is 1");
        assertMessage(load(Errnos.EPERM, new KexecHost(Optional.of("integrity"), true, false)), Errno.EPERM,
                "locked down (lockdown=integrity", "vmlinuz must be signed with a key it trusts");
        assertMessage(load(Errnos.EPERM, ROOT), Errno.EPERM, "not permitted");
    }

    @Test
    void rejectedSignaturesSaySo() {
        for (int errno : new int[] {Errnos.EKEYREJECTED, Errnos.ENOKEY, Errnos.EBADMSG}) {
            assertMessage(load(errno, new KexecHost(Optional.of("confidentiality"), true, false)), Errno.EPERM,
                    "checks kernel signatures (lockdown=confidentiality) and rejected vmlinuz's");
        }
        assertMessage(load(Errnos.EKEYREJECTED, ROOT), Errno.EPERM, "EKEYREJECTED (129)", "signatures and rejected");
    }

    @Test
    void everyOtherRefusalNamesItsCause() {
        assertMessage(load(Errnos.ENOEXEC, ROOT), Errno.ENOEXEC, "not a kernel the running kernel can kexec",
                "64-bit x86 bzImages");
        assertMessage(load(Errnos.ENOSYS, ROOT), Errno.ENOSYS, "CONFIG_KEXEC_FILE");
        assertMessage(load(Errnos.EBUSY, ROOT), Errno.EBUSY, "another kexec");
        assertMessage(load(Errnos.EINVAL, ROOT), Errno.EINVAL, "command line (20 bytes with its NUL)",
                "initrd (1000000 bytes)");
        assertMessage(load(Errnos.ENOMEM, ROOT), Errno.ENOMEM, "8000000 bytes");
        assertMessage(load(Errnos.ETXTBSY, ROOT), Errno.EBUSY, "open for writing");
        assertMessage(load(Errnos.EFBIG, ROOT), Errno.EFBIG, "larger");
        assertMessage(load(99, ROOT), Errno.EIO, "errno 99", "not loaded");
    }

    @Test
    void rebootFailures() {
        assertMessage(KexecFailures.reboot(Errnos.EPERM, "vmlinuz", new KexecHost(Optional.empty(), false, false)),
                Errno.EPERM, "kexec needs root (CAP_SYS_BOOT)");
        assertMessage(KexecFailures.reboot(Errnos.EINVAL, "vmlinuz", ROOT), Errno.EIO, "no longer loaded");
    }
}
