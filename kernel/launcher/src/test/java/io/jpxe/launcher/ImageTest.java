package io.jpxe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTest {
    @TempDir
    Path dir;

    private static final String BNDRUN = """
            -include: ${.}/../../cnf/run.bnd
            -runrequires: \\
                ${feature.core},\\
                ${feature.tftp}
            -runproperties: \\
                jpxe.profile=tiny,\\
                quoted="a,b",\\
                felix.fileinstall.poll=300
            -runbundles: a;version='[1,2)'
            """;

    @Test
    void aFolderImageGivesItsProfileFeaturesPropertiesAndBundles() throws Exception {
        Files.writeString(dir.resolve("profile.bndrun"), BNDRUN);
        Files.createDirectories(dir.resolve("bundles"));
        Files.write(dir.resolve("bundles/b.jar"), new byte[] {1, 2});
        Files.write(dir.resolve("bundles/a.jar"), new byte[] {1});
        Files.writeString(dir.resolve("embedded.ipxe"), "#!ipxe\necho hi\n");

        Image image = Image.locate(dir);

        assertEquals("tiny", image.profile());
        assertEquals(List.of("core", "tftp"), image.features());
        assertEquals(Map.of("jpxe.profile", "tiny", "quoted", "a,b", "felix.fileinstall.poll", "300"), image.runProperties());
        assertEquals(List.of("a.jar", "b.jar"), image.bundles().stream().map(Image.BundleEntry::fileName).toList());
        assertEquals("#!ipxe\necho hi\n", image.embeddedScript().orElseThrow());
    }

    @Test
    void theFingerprintChangesWhenABundleChanges() throws Exception {
        Files.writeString(dir.resolve("profile.bndrun"), BNDRUN);
        Files.createDirectories(dir.resolve("bundles"));
        Files.write(dir.resolve("bundles/a.jar"), new byte[] {1});
        String before = Image.locate(dir).fingerprint();
        Files.write(dir.resolve("bundles/a.jar"), new byte[] {1, 2, 3});
        assertNotEquals(before, Image.locate(dir).fingerprint());
    }

    @Test
    void aFolderWithoutAProfileIsRefusedClearly() {
        LaunchException e = assertThrows(LaunchException.class, () -> Image.locate(dir));
        assertTrue(e.getMessage().contains("no profile.bndrun"), e.getMessage());
    }
}
