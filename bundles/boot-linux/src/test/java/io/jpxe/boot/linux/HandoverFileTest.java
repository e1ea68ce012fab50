package io.jpxe.boot.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jpxe.api.image.Image;
import io.jpxe.testkit.BytesImage;

/**
 * The property kexec_file_load needs — no writer anywhere — checked with the kernel's own rule:
 * {@code execve} refuses a file that is open for writing ({@code ETXTBSY}) exactly as
 * {@code kexec_file_load} does (both take the file through {@code deny_write_access}).
 */
class HandoverFileTest {

    private static HandoverFile script(String text) throws IOException {
        return HandoverFile.create("script", channel -> channel.write(ByteBuffer.wrap(
                text.getBytes(StandardCharsets.US_ASCII))));
    }

    private static String exec(HandoverFile file) throws Exception {
        Process p = new ProcessBuilder(file.path().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** Whether this kernel lets memory files be executed at all (vm.memfd_noexec 0, or no such switch). */
    private static boolean memoryFilesExecutable() throws IOException {
        Path sysctl = Path.of("/proc/sys/vm/memfd_noexec");
        return !Files.exists(sysctl) || Files.readString(sysctl).trim().equals("0");
    }

    @Test
    void theKernelSeesNoWriter() throws Exception {
        assumeTrue(memoryFilesExecutable(), "vm.memfd_noexec forbids executing memory files here");
        try (HandoverFile file = script("#!/bin/sh\necho handed over\n")) {
            assumeTrue(file.inMemory(), "memory files are available on Linux");
            assertTrue(file.path().toString().matches("/proc/\\d+/fd/\\d+"), file.path().toString());
            assertEquals("handed over\n", exec(file));
        }
    }

    @Test
    void aWriterMakesTheFileBusy() throws Exception {
        // the control for the test above: with one writable descriptor the kernel refuses the file
        assumeTrue(memoryFilesExecutable(), "vm.memfd_noexec forbids executing memory files here");
        try (HandoverFile file = script("#!/bin/sh\necho handed over\n")) {
            assumeTrue(file.inMemory());
            try (FileChannel writer = FileChannel.open(file.path(), StandardOpenOption.WRITE)) {
                String outcome;
                try {
                    outcome = "ran: " + exec(file);
                } catch (IOException e) {
                    outcome = e.getMessage();
                }
                // Linux 6.11 alone let execve run files open for writing (reverted in 6.12); kexec never did
                assumeTrue(!outcome.startsWith("ran: "), "this kernel executes files open for writing");
                assertTrue(outcome.contains("Text file busy") || outcome.contains("error=26"), outcome);
            }
        }
    }

    @Test
    void withoutMemoryFilesATemporaryFileIsUsedAndDeleted() throws Exception {
        HandoverFile file = HandoverFile.inTemporaryFile("a/b c", channel -> channel.write(ByteBuffer.wrap(
                "bytes".getBytes(StandardCharsets.US_ASCII))));
        try (file) {
            assertTrue(!file.inMemory() && file.path().getFileName().toString().startsWith("jpxe-a_b_c-"),
                    file.path().toString());
            assertEquals("bytes", Files.readString(file.path()));
            assertEquals(5, file.size());
        }
        assertTrue(Files.notExists(file.path()));
        file.close(); // idempotent
    }

    @Test
    void copiesAnImageLargerThanTheBuffer() throws Exception {
        byte[] bytes = new byte[HandoverFile.COPY_BUFFER * 2 + 17];
        new Random(3).nextBytes(bytes);
        try (HandoverFile file = HandoverFile.copyOf(new BytesImage("kernel", bytes))) {
            assertEquals(bytes.length, file.size());
            assertArrayEquals(bytes, Files.readAllBytes(file.path()));
        }
    }

    @Test
    void aTruncatedImageFailsTheCopy() {
        Image shorter = new SizedImage(new BytesImage("kernel", new byte[10]), 20);
        IOException e = assertThrows(IOException.class, () -> HandoverFile.copyOf(shorter));
        assertTrue(e.getMessage().contains("ended after 10 of 20 bytes"), e.getMessage());
    }
}
