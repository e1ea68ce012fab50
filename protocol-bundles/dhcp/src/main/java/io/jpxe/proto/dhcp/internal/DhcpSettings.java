package io.jpxe.proto.dhcp.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.SettingsBlock;

/**
 * A DHCP packet as a read-only settings block ({@code net0.dhcp}, {@code proxydhcp}), as iPXE's
 * {@code net/dhcppkt.c}: 175.2 and 175.3 come from {@code yiaddr}/{@code siaddr}, 66 and 67 from
 * {@code sname}/{@code file} when set, everything else from the options, {@code N.M} from inside
 * option {@code N}. Immutable, thread-safe.
 */
final class DhcpSettings implements SettingsBlock {
    static final long YIADDR_TAG = (175 << 8) | 2;
    static final long SIADDR_TAG = (175 << 8) | 3;
    private static final Set<Integer> IPV4_OPTIONS = Set.of(1, 3, 4, 6, 7, 28, 42, 44, 50, 54);
    private static final Set<Integer> STRING_OPTIONS = Set.of(12, 15, 17, 40, 56, 60, 66, 67, 77, 203, 209, 210);

    private final String path;
    private final DhcpPacket packet;
    private final int priority;

    DhcpSettings(String path, DhcpPacket packet, int priority) {
        this.path = path;
        this.packet = packet;
        this.priority = priority;
    }

    DhcpPacket packet() {
        return packet;
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
        if (tag <= 0 || tag > 0xFEFE) {
            return Optional.empty();
        }
        if (tag == YIADDR_TAG && !DhcpPacket.isZero(packet.yiaddr())) {
            return Optional.of(new Raw("ipv4", packet.yiaddr()));
        }
        if (tag == SIADDR_TAG && !DhcpPacket.isZero(packet.siaddr())) {
            return Optional.of(new Raw("ipv4", packet.siaddr()));
        }
        if (tag == 66 && !packet.sname().isEmpty()) {
            return Optional.of(new Raw("string", packet.sname().getBytes(StandardCharsets.ISO_8859_1)));
        }
        if (tag == 67 && !packet.file().isEmpty()) {
            return Optional.of(new Raw("string", packet.file().getBytes(StandardCharsets.ISO_8859_1)));
        }
        Optional<byte[]> raw = tag < 256 ? packet.options().get((int) tag)
                : packet.options().encapsulated((int) (tag >> 8), (int) (tag & 0xFF));
        return raw.map(v -> new Raw(typeOf(tag, v), v));
    }

    @Override
    public List<SettingValue> list() {
        List<SettingValue> values = new ArrayList<>();
        if (!DhcpPacket.isZero(packet.yiaddr())) {
            values.add(value("ip", YIADDR_TAG, "ipv4", packet.yiaddr()));
        }
        if (!DhcpPacket.isZero(packet.siaddr())) {
            values.add(value("next-server", SIADDR_TAG, "ipv4", packet.siaddr()));
        }
        if (!packet.file().isEmpty()) {
            values.add(value("filename", 67, "string", packet.file().getBytes(StandardCharsets.ISO_8859_1)));
        }
        for (Map.Entry<Integer, byte[]> e : packet.options().asMap().entrySet()) {
            if (e.getKey() == 67 && !packet.file().isEmpty()) {
                continue;
            }
            values.add(value(Integer.toString(e.getKey()), e.getKey(), typeOf(e.getKey(), e.getValue()), e.getValue()));
        }
        return values;
    }

    private SettingValue value(String name, long tag, String type, byte[] raw) {
        return new SettingValue(path, name, tag, type, raw.clone(), format(type, raw));
    }

    static String typeOf(long tag, byte[] value) {
        if (tag < 256 && IPV4_OPTIONS.contains((int) tag) && value.length % 4 == 0) {
            return "ipv4";
        }
        if (tag < 256 && STRING_OPTIONS.contains((int) tag)) {
            return "string";
        }
        return "hex";
    }

    static String format(String type, byte[] raw) {
        return switch (type) {
            case "ipv4" -> raw.length < 4 ? "" : (raw[0] & 0xFF) + "." + (raw[1] & 0xFF) + "." + (raw[2] & 0xFF)
                    + "." + (raw[3] & 0xFF);
            case "string" -> new String(raw, StandardCharsets.UTF_8);
            default -> HexFormat.ofDelimiter(":").formatHex(raw);
        };
    }
}
