package io.jpxe.nic.linux.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.SettingsBlock;

/**
 * iPXE's per-device settings ({@code net0/mac}, {@code bustype}, {@code busloc}, {@code busid},
 * {@code chip}, {@code ifname}, {@code mtu}, {@code linktype}), read-only, read live from the device.
 */
final class NetDeviceSettings implements SettingsBlock {
    private static final long MTU_TAG = 26;
    private static final int BUS_TYPE_PCI = 1;

    private final LinuxNetDevice device;

    NetDeviceSettings(LinuxNetDevice device) {
        this.device = device;
    }

    @Override
    public String path() {
        return device.name();
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<Raw> fetch(String name, long tag) {
        SysfsInterface s = device.sysfs();
        if (tag == MTU_TAG || "mtu".equals(name)) {
            return Optional.of(new Raw("int16", ByteBuffer.allocate(2).putShort((short) device.mtu()).array()));
        }
        return switch (name == null ? "" : name) {
            case "mac", "hwaddr" -> Optional.of(new Raw("hex", device.macAddress()));
            case "ifname" -> string(device.interfaceName());
            case "chip" -> device.chip().flatMap(NetDeviceSettings::string);
            case "bustype" -> s.busType().isEmpty() ? Optional.empty() : string(s.busType());
            case "busloc" -> pciBusLocation(s.busLocation())
                    .map(v -> new Raw("uint32", ByteBuffer.allocate(4).putInt(v).array()));
            case "busid" -> busId(s);
            case "linktype" -> s.type() == SysfsInterface.ARPHRD_ETHER ? string("Ethernet") : Optional.empty();
            default -> Optional.empty();
        };
    }

    @Override
    public List<SettingValue> list() {
        List<SettingValue> values = new ArrayList<>();
        for (String name : List.of("mac", "bustype", "busloc", "busid", "chip", "ifname", "linktype", "mtu")) {
            fetch(name, 0).ifPresent(raw -> values.add(new SettingValue(path(), name, 0, raw.type(), raw.raw(),
                    format(raw))));
        }
        return values;
    }

    /** PCI {@code SSSS:BB:DD.F} as iPXE's busdevfn: segment, bus, device, function. */
    static Optional<Integer> pciBusLocation(String location) {
        String[] parts = location.split("[:.]");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            int segment = Integer.parseInt(parts[0], 16);
            int bus = Integer.parseInt(parts[1], 16);
            int dev = Integer.parseInt(parts[2], 16);
            int fn = Integer.parseInt(parts[3], 16);
            return Optional.of((segment << 16) | (bus << 8) | (dev << 3) | fn);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Raw> busId(SysfsInterface s) {
        if (!"PCI".equals(s.busType()) || s.vendor() < 0 || s.device() < 0) {
            return Optional.empty();
        }
        return Optional.of(new Raw("hex", ByteBuffer.allocate(5).put((byte) BUS_TYPE_PCI)
                .putShort((short) s.vendor()).putShort((short) s.device()).array()));
    }

    private static Optional<Raw> string(String value) {
        return Optional.of(new Raw("string", value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String format(Raw raw) {
        return switch (raw.type()) {
            case "hex" -> HexFormat.ofDelimiter(":").formatHex(raw.raw());
            case "string" -> new String(raw.raw(), StandardCharsets.UTF_8);
            case "int16" -> Short.toString(ByteBuffer.wrap(raw.raw()).getShort());
            default -> Integer.toUnsignedString(ByteBuffer.wrap(raw.raw()).getInt());
        };
    }
}
