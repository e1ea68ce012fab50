package io.jpxe.boot.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jpxe.api.image.Image;
import io.jpxe.testkit.BytesImage;

/**
 * Assembled initramfs checked with Debian's real {@code cpio}: names, modes, directories and
 * contents of the named pieces, byte-for-byte copies of the others, iPXE's page alignment.
 */
class InitrdAssemblerTest {
    @TempDir
    Path tmp;

    private static BytesImage image(String name, byte[] bytes, String commandLine) {
        BytesImage image = new BytesImage(name, bytes);
        image.commandLine(commandLine);
        return image;
    }

    /** A gzip-compressed newc archive made by the real cpio from a folder holding one file. */
    private byte[] realCompressedArchive() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("init"), "#!/bin/sh\necho real\n");
        Process p = new ProcessBuilder("sh", "-c", "cd '" + tree + "' && echo init | cpio -o -H newc -R 0:0 --quiet")
                .start();
        byte[] archive = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes()));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(archive);
        }
        return gz.toByteArray();
    }

    private static String run(Path dir, byte[] input, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().write(input);
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }

    @Test
    void namedInitrdsBecomeCpioArchivesOthersStayAsTheyAre() throws Exception {
        byte[] compressed = realCompressedArchive();
        byte[] config = "answer=42\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tool = new byte[5003];
        new Random(7).nextBytes(tool);
        List<Image> initrds = List.of(
                image("base.cpio.gz", compressed, ""),
                image("a.conf", config, "/etc/jpxe/a.conf mode=0600 mkdir=-1"),
                image("tool", tool, "/bin/tool mode=0755"));

        List<InitrdAssembler.Piece> pieces = InitrdAssembler.layout(initrds);
        byte[] assembled;
        try (HandoverFile file = InitrdAssembler.assemble(initrds)) {
            assembled = Files.readAllBytes(file.path());
            assertEquals(InitrdAssembler.size(initrds), file.size());
        }
        assertEquals(assembled.length, InitrdAssembler.size(initrds));

        // every piece starts on a page, with zeros between
        assertEquals(List.of(0L, 4096L, 8192L), pieces.stream().map(InitrdAssembler.Piece::offset).toList());
        for (int i = 0; i + 1 < pieces.size(); i++) {
            InitrdAssembler.Piece piece = pieces.get(i);
            byte[] gap = Arrays.copyOfRange(assembled, (int) (piece.offset() + piece.length()),
                    (int) pieces.get(i + 1).offset());
            assertArrayEquals(new byte[gap.length], gap, "zero padding after " + piece.image());
        }

        // the compressed archive is untouched and still unpacks with the real tools
        InitrdAssembler.Piece base = pieces.get(0);
        assertEquals(0, base.headerLength());
        assertArrayEquals(compressed, slice(assembled, base));
        Path baseDir = Files.createDirectories(tmp.resolve("base"));
        run(baseDir, slice(assembled, base), "sh", "-c", "zcat | cpio -i --quiet --no-absolute-filenames");
        assertEquals("#!/bin/sh\necho real\n", Files.readString(baseDir.resolve("init")));

        // the named ones list and unpack with their names, modes and bytes
        InitrdAssembler.Piece conf = pieces.get(1);
        String listing = run(tmp, slice(assembled, conf), "cpio", "-t", "-v", "--quiet");
        assertTrue(listing.matches("(?s)drwxr-xr-x .* /etc\n" + "drwxr-xr-x .* /etc/jpxe\n"
                + "-rw------- .* 10 .* /etc/jpxe/a.conf\n"), listing);
        Path confDir = Files.createDirectories(tmp.resolve("conf"));
        run(confDir, slice(assembled, conf), "cpio", "-i", "-d", "--quiet", "--no-absolute-filenames");
        Path unpacked = confDir.resolve("etc/jpxe/a.conf");
        assertArrayEquals(config, Files.readAllBytes(unpacked));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(unpacked)));

        InitrdAssembler.Piece toolPiece = pieces.get(2);
        Path toolDir = Files.createDirectories(tmp.resolve("tool"));
        listing = run(toolDir, slice(assembled, toolPiece), "cpio", "-t", "-v", "--quiet");
        assertTrue(listing.matches("-rwxr-xr-x .* 5003 .* /bin/tool\n"), listing);
        run(toolDir, slice(assembled, toolPiece), "cpio", "-i", "-d", "--quiet", "--no-absolute-filenames");
        assertArrayEquals(tool, Files.readAllBytes(toolDir.resolve("bin/tool")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                toolDir.resolve("bin/tool"))));
        assertEquals(toolPiece.offset() + toolPiece.length(), assembled.length, "the last piece is not padded");
    }

    @Test
    void theBodyFollowsItsHeadersAndAnEmptyFileIsAFile() throws Exception {
        List<Image> initrds = List.of(image("empty", new byte[0], "/etc/empty"));
        InitrdAssembler.Piece piece = InitrdAssembler.layout(initrds).getFirst();
        byte[] assembled;
        try (HandoverFile file = InitrdAssembler.assemble(initrds)) {
            assembled = Files.readAllBytes(file.path());
        }
        assertEquals(CpioNewc.header("/etc/empty", 0100644, 0).length, piece.headerLength());
        assertEquals(piece.headerLength() + CpioNewc.trailer().length, assembled.length);
        String listing = run(tmp, assembled, "cpio", "-t", "-v", "--quiet");
        assertTrue(listing.matches("-rw-r--r-- .* 0 .* /etc/empty\n"), listing);
    }

    @Test
    void oneUnnamedInitrdNeedsNoAssembly() throws IOException {
        assertFalse(InitrdAssembler.needsAssembly(List.of()));
        assertFalse(InitrdAssembler.needsAssembly(List.of(image("i", new byte[3], "quiet"))));
        assertTrue(InitrdAssembler.needsAssembly(List.of(image("i", new byte[3], "/etc/x"))));
        assertTrue(InitrdAssembler.needsAssembly(List.of(image("i", new byte[3], ""), image("j", new byte[3], ""))));
        assertEquals(0, InitrdAssembler.size(List.of()));
        try (HandoverFile file = InitrdAssembler.assemble(List.of())) {
            assertEquals(0, Files.size(file.path()));
        }
    }

    @Test
    void aNamedInitrdTooLargeForCpioIsAnErrorBeforeAnythingIsRead() {
        Image huge = new SizedImage(new BytesImage("huge", new byte[0]), 1L << 32, "/huge.img");
        IOException e = assertThrows(IOException.class,
                () -> InitrdAssembler.assemble(List.of(huge)));
        assertEquals("/huge.img: a cpio newc entry holds at most 4 GiB - 1 bytes, not 4294967296", e.getMessage());
    }

    private static byte[] slice(byte[] assembled, InitrdAssembler.Piece piece) {
        return Arrays.copyOfRange(assembled, (int) piece.offset(), (int) (piece.offset() + piece.length()));
    }
}
