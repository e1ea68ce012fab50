package io.jpxe.commands.digest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.settings.internal.SettingsTree;
import io.jpxe.testkit.RecordingContext;

class DigestCommandsTest {
    private final MemoryImages images = new MemoryImages();
    private final SettingsTree settings = new SettingsTree();
    private final RecordingContext context = new RecordingContext();

    @TempDir
    Path dir;

    private void run(Command command, String... argv) throws JpxeException {
        command.execute(context, command.syntax().parse(List.of(argv)));
    }

    /** The digest coreutils computes for the same bytes: the reference tool. */
    private String coreutils(String tool, byte[] data) throws IOException, InterruptedException {
        Path file = Files.write(dir.resolve("data"), data);
        Process p = new ProcessBuilder(tool, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, p.waitFor(), out);
        return out.substring(0, out.indexOf(' '));
    }

    @Test
    void printsTheSameDigestsAsCoreutils() throws Exception {
        byte[] data = "#!ipxe\necho hello\n".getBytes(StandardCharsets.US_ASCII);
        images.add("boot.ipxe", data);
        run(new Md5sumCommand(images, settings), "md5sum", "boot.ipxe");
        run(new Sha1sumCommand(images, settings), "sha1sum", "boot.ipxe");
        run(new Sha224sumCommand(images, settings), "sha224sum", "boot.ipxe");
        run(new Sha256sumCommand(images, settings), "sha256sum", "boot.ipxe");
        run(new Sha384sumCommand(images, settings), "sha384sum", "boot.ipxe");
        run(new Sha512sumCommand(images, settings), "sha512sum", "boot.ipxe");
        StringBuilder expected = new StringBuilder();
        for (String tool : List.of("md5sum", "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum")) {
            expected.append(coreutils(tool, data)).append("  boot.ipxe\n");
        }
        assertEquals(expected.toString(), context.console().printed());
    }

    @Test
    void setStoresTheRawDigestAsHexrawAndMissingImagesFail() throws Exception {
        byte[] data = new byte[] { 1, 2, 3 };
        images.add("blob", data);
        run(new Sha256sumCommand(images, settings), "sha256sum", "--set", "sum", "blob");
        assertEquals(Optional.of(coreutils("sha256sum", data)), settings.fetch("sum"));
        assertEquals("hexraw", settings.fetchValue("sum").orElseThrow().type());
        JpxeException e = assertThrows(JpxeException.class,
                () -> run(new Md5sumCommand(images, settings), "md5sum", "nothing", "blob"));
        assertEquals(Errno.ENOENT.status(), e.status());
        assertTrue(context.console().printed().contains("  blob\n"), "later images still digested");
    }

    @Test
    void imgsetStoresTheImageBytesAndFreesTheImageUnlessKept() throws JpxeException {
        images.add("token", "s3cr3t".getBytes(StandardCharsets.US_ASCII));
        run(new ImgsetCommand(images, images, settings), "imgset", "--keep", "tok", "token");
        assertEquals(Optional.of("s3cr3t"), settings.fetch("tok"));
        assertTrue(images.find("token").isPresent());
        run(new ImgsetCommand(images, images, settings), "imgset", "tok:hex", "token");
        assertEquals(Optional.of("73:33:63:72:33:74"), settings.fetch("tok"));
        assertTrue(images.find("token").isEmpty());
    }
}
