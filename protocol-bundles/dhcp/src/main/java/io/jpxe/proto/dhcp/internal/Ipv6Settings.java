package io.jpxe.proto.dhcp.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.SettingsBlock;

/**
 * An IPv6 settings block as iPXE scopes them ({@code net/ndp.c}, {@code net/udp/dhcpv6.c}): answers
 * its IPv6 names ({@code ip6}, {@code len6}, {@code gateway6}, {@code dns6}, {@code dnssl},
 * {@code filename}) to any lookup, and numbered options only to lookups that name the block
 * ({@code ${net0.dhcpv6/59}}), so a DHCPv4 tag never reaches it. Immutable apart from the live
 * address supplier; thread-safe.
 */
final class Ipv6Settings implements SettingsBlock {
    /** iPXE's IPv6 block order: DHCPv6 above SLAAC (NDP) above link-local. */
    static final int DHCPV6_PRIORITY = -1;
    static final int NDP_PRIORITY = -2;

    private final String path;
    private final int priority;
    private final Map<String, Raw> named;
    private final Supplier<Map<String, Raw>> live;
    private final Map<Integer, byte[]> numbered;

    /**
     * @param named    fixed named values (type and bytes)
     * @param live     values read when asked (the kernel's SLAAC address), may override nothing fixed
     * @param numbered options by code ({@code ${net0.dhcpv6/23}})
     */
    Ipv6Settings(String path, int priority, Map<String, Raw> named, Supplier<Map<String, Raw>> live,
            Map<Integer, byte[]> numbered) {
        this.path = path;
        this.priority = priority;
        this.named = Map.copyOf(named);
        this.live = live;
        this.numbered = new LinkedHashMap<>(numbered);
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
    public boolean scopedOnly() {
        return true;
    }

    @Override
    public Optional<Raw> fetch(String name, long tag) {
        String key = name == null ? "" : name;
        Raw fixed = named.get(key);
        if (fixed != null) {
            return Optional.of(fixed);
        }
        Raw now = live.get().get(key);
        if (now != null) {
            return Optional.of(now);
        }
        if (tag > 0 && tag <= 0xFFFF && key.matches("\\d+")) {
            byte[] v = numbered.get((int) tag);
            return v == null ? Optional.empty() : Optional.of(new Raw(typeOf((int) tag), v.clone()));
        }
        return Optional.empty();
    }

    @Override
    public List<SettingValue> list() {
        List<SettingValue> values = new ArrayList<>();
        Map<String, Raw> all = new LinkedHashMap<>(live.get());
        all.putAll(named);
        all.forEach((name, raw) -> values.add(new SettingValue(path, name, 0, raw.type(), raw.raw().clone(),
                format(raw))));
        numbered.forEach((code, v) -> values.add(new SettingValue(path, Integer.toString(code), code, typeOf(code),
                v.clone(), format(new Raw(typeOf(code), v)))));
        return values;
    }

    static String typeOf(int code) {
        return switch (code) {
            case Dhcpv6Message.OPTION_BOOTFILE_URL -> "string";
            default -> "hex";
        };
    }

    static Raw ipv6(byte[] address) {
        return new Raw("ipv6", address.clone());
    }

    static Raw int8(int value) {
        return new Raw("int8", new byte[] {(byte) value});
    }

    static Raw string(String value) {
        return new Raw("string", value.getBytes(StandardCharsets.UTF_8));
    }

    static String format(Raw raw) {
        byte[] v = raw.raw();
        return switch (raw.type()) {
            case "ipv6" -> v.length >= 16 ? Ipv6Text.format(v) : "";
            case "int8" -> v.length == 1 ? Integer.toString(v[0]) : "";
            case "string" -> new String(v, StandardCharsets.UTF_8);
            case "dnssl" -> String.join(" ", Dhcpv6Message.domainList(ByteBuffer.wrap(v)));
            default -> HexFormat.ofDelimiter(":").formatHex(v);
        };
    }
}
