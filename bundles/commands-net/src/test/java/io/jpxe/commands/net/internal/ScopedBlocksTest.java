package io.jpxe.commands.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.SettingsBlock;
import io.jpxe.settings.internal.SettingsTree;

/**
 * What the network commands rely on: a table-backed block that answers every tag (SMBIOS, PCI) must not
 * shadow a lease's {@code ${filename}} or {@code ${priority}}, yet answers when named or by its own names.
 */
class ScopedBlocksTest {

    private record Block(String path, boolean scopedOnly, String name, String value) implements SettingsBlock {
        @Override
        public Optional<Raw> fetch(String n, long tag) {
            if (scopedOnly && (tag != 0 || n.equals(name))) {
                return Optional.of(new Raw("string", ("table-" + tag).getBytes(StandardCharsets.UTF_8)));
            }
            return n.equals(name) ? Optional.of(new Raw("string", value.getBytes(StandardCharsets.UTF_8)))
                    : Optional.empty();
        }

        @Override
        public List<SettingValue> list() {
            return List.of();
        }
    }

    @Test
    void scopedBlocksAnswerTagsOnlyWhenNamed() {
        SettingsTree tree = new SettingsTree();
        tree.mount(new Block("smbios", true, "manufacturer", ""));
        tree.mount(new Block("net0.dhcp", false, "filename", "boot.ipxe"));
        assertEquals(Optional.of("boot.ipxe"), tree.fetch("filename"));
        assertEquals(Optional.of("boot.ipxe"), tree.fetch("67"));
        assertEquals(Optional.of("table-67"), tree.fetch("smbios/67"));
        assertEquals(Optional.of("table-0"), tree.fetch("manufacturer"));
    }
}
