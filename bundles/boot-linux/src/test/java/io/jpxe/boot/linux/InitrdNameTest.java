package io.jpxe.boot.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jpxe.boot.linux.InitrdName.Entry;

/** iPXE's naming rule (core/cpio.c), case by case. */
class InitrdNameTest {

    private static List<Entry> entries(String commandLine) {
        return InitrdName.of(commandLine).orElseThrow().entries();
    }

    private static Entry file(String name, int permissions) {
        return new Entry(name, CpioNewc.MODE_FILE | permissions, false);
    }

    private static Entry dir(String name) {
        return new Entry(name, CpioNewc.MODE_DIR | 0755, true);
    }

    @Test
    void noNameMeansTheInitrdIsLoadedAsItIs() {
        assertTrue(InitrdName.of("").isEmpty());
        assertTrue(InitrdName.of(null).isEmpty());
        assertTrue(InitrdName.of("quiet mode=0600").isEmpty(), "a name needs a / (iPXE counts path separators)");
        assertTrue(InitrdName.of(" /etc/a.conf").isEmpty(), "the name is what comes before the first space");
    }

    @Test
    void aNamedFileGetsOneHeaderWithTheDefaultMode() {
        InitrdName name = InitrdName.of("/etc/a.conf").orElseThrow();
        assertEquals("/etc/a.conf", name.path());
        assertEquals(0100644, name.mode());
        assertEquals(List.of(file("/etc/a.conf", 0644)), name.entries());
    }

    @Test
    void modeIsOctal() {
        assertEquals(List.of(file("/etc/a.conf", 0600)), entries("/etc/a.conf mode=0600"));
        assertEquals(List.of(file("/bin/tool", 0755)), entries("/bin/tool mode=755 other=1"));
        assertEquals(List.of(file("/a", 0)), entries("/a mode=abc"), "strtoul reads no digit as 0");
        assertEquals(List.of(file("/a", 07)), entries("/a mode=78"), "reading stops at the first non-octal digit");
        assertEquals(List.of(file("/a", 0644)), entries("/a xmode=0600"), "an option starts after white space");
        assertEquals(List.of(file("/a\tmode=0600", 0600)), entries("/a\tmode=0600"),
                "only a space ends the name, but any white space starts an option");
    }

    @Test
    void mkdirCreatesTheInnermostParents() {
        assertEquals(List.of(dir("/etc/x"), file("/etc/x/a.conf", 0644)), entries("/etc/x/a.conf mkdir=1"));
        assertEquals(List.of(dir("/etc"), dir("/etc/x"), file("/etc/x/a.conf", 0600)),
                entries("/etc/x/a.conf mode=600 mkdir=-1"));
        assertEquals(List.of(dir("/etc"), dir("/etc/x"), file("/etc/x/a.conf", 0644)),
                entries("/etc/x/a.conf mkdir=9"), "never more than the path has");
        assertEquals(List.of(dir("/etc"), dir("/etc/x"), file("/etc/x/a.conf", 0644)),
                entries("/etc/x/a.conf mkdir=-2"), "a huge unsigned count is capped too");
        assertEquals(List.of(file("/etc/x/a.conf", 0644)), entries("/etc/x/a.conf mkdir=0"));
    }

    @Test
    void aRelativeNameNeverCreatesItsFirstDirectory() {
        // iPXE treats the first component as the root: "a" is assumed to exist
        assertEquals(List.of(dir("a/b"), file("a/b/c", 0644)), entries("a/b/c mkdir=-1"));
        assertEquals(List.of(file("a/b", 0644)), entries("a/b"));
    }

    @Test
    void numbersAreReadAsStrtoulReadsThem() {
        assertEquals(0, CNumbers.strtoul("", 10));
        assertEquals(0, CNumbers.strtoul("x1", 10));
        assertEquals(12, CNumbers.strtoul("  +12abc", 10));
        assertEquals(-1L, CNumbers.strtoul("-1", 10));
        assertEquals(-1L, CNumbers.strtoul("99999999999999999999999", 10), "overflow gives ULONG_MAX");
        assertEquals(0600, CNumbers.strtoul("0600", 8));
    }
}
