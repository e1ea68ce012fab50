package io.jpxe.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.SettingsBlock;

class SettingsTreeTest {
    private final SettingsTree tree = new SettingsTree();

    /** A writable block like a NIC's or a DHCP lease's, with a priority. */
    private static final class MapBlock implements SettingsBlock {
        private final String path;
        private final int priority;
        private final Map<String, Raw> values = new ConcurrentHashMap<>();
        private final boolean writable;

        MapBlock(String path, int priority, boolean writable) {
            this.path = path;
            this.priority = priority;
            this.writable = writable;
        }

        MapBlock with(String name, String value) {
            values.put(name, new Raw("string", value.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public Optional<Raw> fetch(String name, long tag) {
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public List<SettingValue> list() {
            List<SettingValue> list = new ArrayList<>();
            values.forEach((n, r) -> list.add(new SettingValue(path, n, 0, r.type(), r.raw(), new String(r.raw()))));
            return list;
        }

        @Override
        public boolean store(String name, long tag, String type, byte[] raw) {
            if (!writable) {
                return false;
            }
            if (raw == null) {
                values.remove(name);
            } else {
                values.put(name, new Raw(type, raw));
            }
            return true;
        }
    }

    @Test
    void rootShadowsChildrenAndScopedLookupsSearchDescendants() throws JpxeException {
        tree.mount(new MapBlock("net0", 0, true).with("hostname", "nic"));
        tree.mount(new MapBlock("net0.dhcp", 0, false).with("hostname", "dhcp").with("filename", "boot.efi"));
        assertEquals(Optional.of("nic"), tree.fetch("hostname"));
        assertEquals(Optional.of("dhcp"), tree.fetch("net0.dhcp/hostname"));
        assertEquals(Optional.of("boot.efi"), tree.fetch("net0/filename"));
        assertEquals(Optional.of("boot.efi"), tree.fetch("67"));
        tree.store("hostname", "root");
        assertEquals(Optional.of("root"), tree.fetch("hostname"));
        assertEquals(Optional.of("nic"), tree.fetch("net0/hostname"));
        assertEquals(Optional.empty(), tree.fetch("nosuch/hostname"));
        assertEquals(Optional.of("net0.dhcp"), tree.fetchValue("net0/filename").map(SettingValue::block));
    }

    @Test
    void childrenAreSearchedByPriorityThenAge() throws JpxeException {
        tree.mount(new MapBlock("net0", 0, true).with("filename", "low"));
        tree.mount(new MapBlock("proxydhcp", 5, false).with("filename", "high"));
        assertEquals(Optional.of("high"), tree.fetch("filename"));
        tree.store("net0/priority", "10");
        assertEquals(Optional.of("low"), tree.fetch("filename"));
        assertEquals(Optional.of("10"), tree.fetch("net0/priority"));
    }

    @Test
    void storesGoToTheNamedBlockAndAutovivify() throws JpxeException {
        tree.store("foo.bar/x", "1");
        assertEquals(Optional.of("1"), tree.fetch("foo.bar/x"));
        assertEquals(Optional.of("1"), tree.fetch("foo/x"));
        assertEquals(Optional.of("1"), tree.fetch("x"));
        assertEquals(Optional.of("1"), tree.fetch("/x"), "the root block includes its descendants");
        tree.store("foo.bar/x", "");
        assertEquals(Optional.empty(), tree.fetch("x"));
        assertEquals(Optional.of(""), tree.fetch("foo.bar/${}").or(() -> Optional.of("")));
        assertTrue(tree.fetchValue("foo.bar/x").isEmpty());
    }

    @Test
    void readOnlyBlocksRefuseStores() {
        tree.mount(new MapBlock("smbios", 0, false).with("product", "box"));
        JpxeException e = assertThrows(JpxeException.class, () -> tree.store("smbios/product", "x"));
        assertEquals(Errno.ENOTSUP, e.errno());
        assertEquals(Optional.of("box"), tree.fetch("product"));
    }

    @Test
    void severalBlocksAtOnePathAreMerged() throws JpxeException {
        tree.mount(new BuiltinSettings("9.9", Clock.fixed(Instant.ofEpochSecond(1), ZoneOffset.UTC)));
        MapBlock images = new MapBlock("builtin", 0, false).with("cwuri", "http://x/");
        tree.mount(images);
        assertEquals(Optional.of("linux"), tree.fetch("builtin/platform"));
        assertEquals(Optional.of("http://x/"), tree.fetch("builtin/cwuri"));
        assertEquals(Optional.of("0x1"), tree.fetch("unixtime"));
        tree.storeRaw("builtin/errno", "uint32", new byte[] { 0, 0, 0, 0x22 });
        assertEquals(Optional.of("0x22"), tree.fetch("errno"));
        assertEquals(Errno.ENOTSUP, assertThrows(JpxeException.class, () -> tree.store("builtin/version", "1")).errno());
        tree.unmount(images);
        assertEquals(Optional.empty(), tree.fetch("cwuri"));
        assertEquals(5, tree.list("builtin").size());
    }

    @Test
    void typesComeFromOverridePredefinedOrStore() throws JpxeException {
        tree.store("n:int8", "5");
        assertEquals(Optional.of("5"), tree.fetch("n"));
        assertEquals(Optional.of("0x5"), tree.fetch("n:uint8"));
        assertEquals("int8", tree.fetchValue("n").orElseThrow().type());
        tree.store("ip", "10.0.0.1");
        assertEquals("ipv4", tree.fetchValue("175.2").orElseThrow().type());
        assertEquals(Optional.empty(), tree.fetch("ip:bogus"));
        assertEquals(Errno.EINVAL, assertThrows(JpxeException.class, () -> tree.store("ip", "x")).errno());
        assertEquals(Errno.ENOTSUP, assertThrows(JpxeException.class, () -> tree.store("y:bogus", "1")).errno());
    }

    @Test
    void expansionFollowsIpxe() throws JpxeException {
        tree.store("i", "0");
        tree.store("net0/mac", "52:54:00:12:34:56");
        assertEquals("52-54-00-12-34-56", tree.expand("${net${i}/mac:hexhyp}"));
        assertEquals("[] [] ${ x", tree.expand("[${}] [${ }] ${ x"));
        assertEquals("", tree.expand("${nosuch/x}${x:bogus}"));
        tree.storeRaw("half", "string", "${i".getBytes(StandardCharsets.UTF_8));
        assertEquals("0", tree.expand("${half}}"));
    }

    @Test
    void selfReferenceIsBounded() throws JpxeException {
        tree.storeRaw("loop", "string", "a${loop}".getBytes(StandardCharsets.UTF_8));
        String expanded = tree.expand("${loop}");
        assertEquals(SettingsTree.MAX_SUBSTITUTIONS, expanded.indexOf('$'));
        tree.storeRaw("grow", "string", "${grow}${grow}".getBytes(StandardCharsets.UTF_8));
        assertTrue(tree.expand("${grow}").length() <= SettingsTree.MAX_EXPANDED_LENGTH);
    }

    @Test
    void tagsAndNames() throws JpxeException {
        assertEquals((175 << 8) | 3, SettingName.tag("175.3"));
        assertEquals(0x00c80002L, SettingName.tag("0xc8.0.2"));
        assertEquals(8, SettingName.tag("010"));
        assertEquals(0, SettingName.tag("abc"));
        SettingName name = SettingName.parse("net0.dhcp/67:hex");
        assertEquals("net0.dhcp", name.block());
        assertEquals("filename", name.name());
        assertEquals("hex", name.type().name());
        assertEquals("", SettingName.parse("/x").block());
    }

    @Test
    void buildArchNames() {
        assertEquals("x86_64", BuiltinSettings.buildArch("amd64"));
        assertEquals("arm64", BuiltinSettings.buildArch("aarch64"));
        assertEquals("i386", BuiltinSettings.buildArch("x86"));
    }
}
