package io.jpxe.boot.kexec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FFM bindings, exercised without loading anything into this host: the variadic
 * {@code syscall} handle that carries {@code kexec_file_load} is checked with harmless calls.
 */
class LinuxKexecSystemTest {
    private static final long SYS_GETPID = 39;
    private static final long SYS_CLOSE = 3;

    private final LinuxKexecSystem system = new LinuxKexecSystem();

    @Test
    void theVariadicSyscallHandleCallsTheKernel() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(ProcessHandle.current().pid(),
                    system.syscall(arena, SYS_GETPID, 0, 0, 0, MemorySegment.NULL, 0));
            // a failure comes back as -errno: close(-1) is EBADF
            assertEquals(-Errnos.EBADF, system.syscall(arena, SYS_CLOSE, -1, 0, 0, MemorySegment.NULL, 0));
        }
    }

    @Test
    void opensReadOnlyAndReportsErrno(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("k"), "kernel");
        int fd = system.openReadOnly(file);
        assertTrue(fd > 2);
        assertEquals("kernel", Files.readString(Path.of("/proc/self/fd/" + fd)));
        system.close(fd);
        KexecSystem.ErrnoException e = assertThrows(KexecSystem.ErrnoException.class,
                () -> system.openReadOnly(tmp.resolve("missing")));
        assertEquals(Errnos.ENOENT, e.errno());
        assertTrue(e.getMessage().endsWith("failed: ENOENT (2)"), e.getMessage());
    }

    @Test
    void theKexecConstantsAreLinuxs() {
        assertEquals(320, LinuxKexecSystem.SYS_KEXEC_FILE_LOAD);
        assertEquals(0x45584543, LinuxKexecSystem.LINUX_REBOOT_CMD_KEXEC);
        assertEquals(4, KexecArguments.KEXEC_FILE_NO_INITRAMFS);
    }
}
