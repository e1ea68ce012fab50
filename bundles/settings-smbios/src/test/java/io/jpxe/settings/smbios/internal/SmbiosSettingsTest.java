package io.jpxe.settings.smbios.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jpxe.api.JpxeException;
import io.jpxe.settings.internal.SettingsTree;

class SmbiosSettingsTest {
    @TempDir
    Path dir;

    /** A structure: type, handle, the formatted bytes after the 4-byte header, then its strings. */
    private static void structure(ByteArrayOutputStream out, int type, int handle, int[] body, String... strings) {
        out.write(type);
        out.write(4 + body.length);
        out.write(handle);
        out.write(handle >> 8);
        for (int b : body) {
            out.write(b);
        }
        if (strings.length == 0) {
            out.write(0);
        }
        for (String s : strings) {
            out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
        }
        out.write(0);
    }

    private Path tables(int major, int minor) throws IOException {
        ByteArrayOutputStream dmi = new ByteArrayOutputStream();
        structure(dmi, 0, 0, new int[] { 1, 2, 0, 0 }, "BiosCo", "1.0");
        structure(dmi, 1, 1, new int[] { 1, 2, 3, 4, 0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa,
                0xbb, 0xcc, 0xdd, 0xee, 0xff, 6, 0, 0 }, "Acme", "Box 9000", "v1", "SN123");
        structure(dmi, 2, 2, new int[] { 1, 0, 0, 2 }, "BoardCo", "BSN-7");
        structure(dmi, 3, 3, new int[] { 0, 3, 0, 0, 1 }, "ASSET-42");
        structure(dmi, 3, 4, new int[] { 0, 3, 0, 0, 1 }, "SECOND");
        structure(dmi, 127, 5, new int[] {});
        Path root = Files.createDirectories(dir.resolve("tables-" + major + minor));
        Files.write(root.resolve("DMI"), dmi.toByteArray());
        byte[] ep = new byte[31];
        System.arraycopy("_SM_".getBytes(StandardCharsets.US_ASCII), 0, ep, 0, 4);
        ep[6] = (byte) major;
        ep[7] = (byte) minor;
        Files.write(root.resolve("smbios_entry_point"), ep);
        return root;
    }

    @Test
    void namedSettingsComeFromTheSystemEnclosureAndBoardStructures() throws IOException {
        SettingsTree settings = new SettingsTree();
        settings.mount(new SmbiosSettings(tables(2, 8)));
        assertEquals("00112233-4455-6677-8899-aabbccddeeff", settings.expand("${uuid}"));
        assertEquals("Acme/Box 9000/SN123/ASSET-42/BSN-7",
                settings.expand("${manufacturer}/${product}/${serial}/${asset}/${board-serial}"));
        assertEquals("Acme", settings.expand("${smbios/manufacturer}"));
    }

    @Test
    void tagsReadBytesStringsAndInstances() throws IOException {
        SettingsTree settings = new SettingsTree();
        settings.mount(new SmbiosSettings(tables(2, 8)));
        assertEquals("BiosCo", settings.expand("${smbios/0.4.0}"));      // string index at offset 4
        assertEquals("v1", settings.expand("${smbios/1.0.3}"));          // literal string index 3
        assertEquals("06", settings.expand("${smbios/1.24.1}"));         // one byte, hex by default
        assertEquals("SECOND", settings.expand("${smbios/1.3.8.0}"));    // second type-3 structure
        assertEquals("", settings.expand("${smbios/1.40.4}"));           // past the structure
        assertEquals("", settings.expand("${smbios/9.4.0}"));            // no such type
        assertEquals("", settings.expand("${67}"));                      // DHCP numbers stay out of SMBIOS
    }

    @Test
    void uuidsBeforeSmbios26AreNotSwapped() throws IOException {
        SettingsTree settings = new SettingsTree();
        settings.mount(new SmbiosSettings(tables(2, 5)));
        assertEquals("33221100-5544-7766-8899-aabbccddeeff", settings.expand("${uuid}"));
    }

    @Test
    void theBlockIsReadOnlyAndEmptyWithoutTables() throws IOException {
        SettingsTree settings = new SettingsTree();
        SmbiosSettings absent = new SmbiosSettings(dir.resolve("missing"));
        assertFalse(absent.available());
        settings.mount(absent);
        assertEquals("", settings.expand("${uuid}${smbios/1.4.0}"));
        assertEquals(Optional.empty(), settings.fetch("smbios/serial"));
        settings.mount(new SmbiosSettings(tables(3, 0)));
        JpxeException e = org.junit.jupiter.api.Assertions.assertThrows(JpxeException.class,
                () -> settings.store("smbios/serial", "x"));
        assertEquals(io.jpxe.api.Errno.ENOTSUP, e.errno());
    }

    @Test
    void thisMachinesTablesAreReadWhenTheKernelExportsThem() {
        SmbiosSettings real = new SmbiosSettings();
        assertEquals(Files.isReadable(SmbiosSettings.TABLES.resolve("DMI")), real.available());
        real.list().forEach(v -> assertFalse(v.formatted() == null));
    }

    @Test
    void garbageTablesNeverThrow() throws IOException {
        Path root = Files.createDirectories(dir.resolve("garbage"));
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        Files.write(root.resolve("DMI"), junk);
        SettingsTree settings = new SettingsTree();
        settings.mount(new SmbiosSettings(root));
        for (int t = 0; t < 256; t += 17) {
            settings.expand("${smbios/" + t + ".4.0}${smbios/" + t + ".0.0}${uuid}");
        }
    }
}
