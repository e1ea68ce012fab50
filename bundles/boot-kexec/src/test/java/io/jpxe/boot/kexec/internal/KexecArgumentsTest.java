package io.jpxe.boot.kexec.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.image.Image;
import io.jpxe.testkit.BytesImage;

class KexecArgumentsTest {
    private static final Image KERNEL = new BytesImage("vmlinuz", new byte[1]);

    private static BootPlan plan(String cmdline, List<Image> initrds, String type, Map<String, String> details) {
        return new BootPlan(KERNEL, initrds, cmdline, type, details);
    }

    @Test
    void theCommandLineCarriesItsNulAndItsLengthCountsIt() throws Exception {
        KexecArguments args = KexecArguments.of(plan("console=ttyS0 é", List.of(), "bzImage", Map.of()));
        byte[] expected = "console=ttyS0 é\0".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, args.commandLine());
        assertEquals(expected.length, args.commandLineLength());
        assertArrayEquals(new byte[] {0}, KexecArguments.of(plan("", List.of(), "bzImage", Map.of())).commandLine());
    }

    @Test
    void noInitrdMeansNoInitramfsFlag() throws Exception {
        KexecArguments none = KexecArguments.of(plan("", List.of(), "bzImage", Map.of()));
        assertEquals(KexecArguments.KEXEC_FILE_NO_INITRAMFS, none.flags());
        assertFalse(none.hasInitrd());
        KexecArguments one = KexecArguments.of(plan("", List.of(new BytesImage("i", new byte[1])), "bzImage",
                Map.of()));
        assertEquals(0, one.flags());
        assertTrue(one.hasInitrd());
    }

    @Test
    void theKernelsCmdlineSizeIncludesTheNul() throws Exception {
        Map<String, String> limit = Map.of("cmdline_size", "10");
        assertEquals(10, KexecArguments.of(plan("123456789", List.of(), "bzImage", limit)).commandLineLength());
        JpxeException e = assertThrows(JpxeException.class,
                () -> KexecArguments.of(plan("1234567890", List.of(), "bzImage", limit)));
        assertEquals(Errno.E2BIG, e.errno());
        assertTrue(e.getMessage().contains("10 bytes; with its NUL it must fit the kernel's cmdline_size of 10"),
                e.getMessage());
    }

    @Test
    void onlyBzImagesAndCommandLinesWithoutNul() {
        JpxeException type = assertThrows(JpxeException.class,
                () -> KexecArguments.of(plan("", List.of(), "multiboot", Map.of())));
        assertEquals(Errno.ENOEXEC, type.errno());
        assertEquals("vmlinuz: kexec boots Linux bzImage kernels, not multiboot images", type.getMessage());
        JpxeException nul = assertThrows(JpxeException.class,
                () -> KexecArguments.of(plan("a\0b", List.of(), "bzImage", Map.of())));
        assertEquals(Errno.EINVAL, nul.errno());
    }
}
