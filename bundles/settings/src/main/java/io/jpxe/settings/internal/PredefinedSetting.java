package io.jpxe.settings.internal;

import java.util.List;
import java.util.Optional;

/**
 * A setting iPXE knows by name ({@code settings.md} §5): its tag (0 for settings outside DHCP) and
 * its type.
 *
 * @param name the name as written in scripts
 * @param tag  the DHCP tag ({@code (175 << 8) | 3} for {@code 175.3}), or 0
 * @param type the type name
 */
record PredefinedSetting(String name, long tag, String type) {

    private static final List<PredefinedSetting> ALL = List.of(
            dhcp("ip", 175, 2, "ipv4"), dhcp("netmask", 1, "ipv4"), dhcp("gateway", 3, "ipv4"),
            dhcp("static-routes", 121, "hex"), dhcp("dns", 6, "ipv4"), dhcp("hostname", 12, "string"),
            dhcp("domain", 15, "string"), dhcp("root-path", 17, "string"), dhcp("mtu", 26, "int16"),
            dhcp("ntp", 42, "ipv4"), dhcp("syslog", 7, "ipv4"), dhcp("next-server", 175, 3, "ipv4"),
            dhcp("filename", 67, "string"), dhcp("dhcp-server", 54, "ipv4"), dhcp("vendor-class", 60, "string"),
            dhcp("user-class", 77, "string"), dhcp("dnssl", 119, "dnssl"), dhcp("initiator-iqn", 203, "string"),
            dhcp("priority", 175, 1, "int8"), dhcp("keep-san", 175, 8, "int8"),
            dhcp("skip-san-boot", 175, 9, "int8"), dhcp("scriptlet", 175, 81, "string"),
            dhcp("syslogs", 175, 85, "string"), dhcp("trust", 175, 90, "hex"), dhcp("cert", 175, 91, "hex"),
            dhcp("privkey", 175, 92, "hex"), dhcp("crosscert", 175, 93, "string"),
            dhcp("san-retries", 175, 187, "int8"), dhcp("san-filename", 175, 188, "string"),
            dhcp("san-drive", 175, 189, "uint8"), dhcp("username", 175, 190, "string"),
            dhcp("password", 175, 191, "string"), dhcp("reverse-username", 175, 192, "string"),
            dhcp("reverse-password", 175, 193, "string"), dhcp("uid", 175, 194, "string"),
            dhcp("gid", 175, 195, "string"),
            named("mac", "hex"), named("hwaddr", "hex"), named("bustype", "string"), named("busloc", "uint32"),
            named("busid", "hex"), named("linktype", "string"), named("chip", "string"), named("ifname", "string"),
            named("ssid", "string"), named("key", "string"), named("active-scan", "int8"), named("ip6", "ipv6"),
            named("len6", "int8"), named("gateway6", "ipv6"), named("dns6", "ipv6"), named("syslog6", "ipv6"),
            named("uuid", "uuid"), named("manufacturer", "string"), named("product", "string"),
            named("serial", "string"), named("asset", "string"), named("board-serial", "string"),
            named("cpuvendor", "string"), named("cpumodel", "string"), named("memsize", "int32"),
            named("buildarch", "string"), named("platform", "string"), named("version", "string"),
            named("unixtime", "uint32"), named("errno", "uint32"), named("cwuri", "string"),
            named("cwduri", "string"), named("sysmac", "hex"), named("keymap", "string"), named("peerdist", "int8"),
            named("peerhost", "string"), named("dmesg", "string"), named("vram", "base64"));

    /** The DHCP tag of {@code priority} (175.1), which orders sibling blocks. */
    static final long PRIORITY_TAG = (175 << 8) | 1;

    /** The predefined setting with this name, if any. */
    static Optional<PredefinedSetting> byName(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst();
    }

    /** The predefined DHCP setting with this non-zero tag, if any. */
    static Optional<PredefinedSetting> byTag(long tag) {
        return tag == 0 ? Optional.empty() : ALL.stream().filter(s -> s.tag == tag).findFirst();
    }

    private static PredefinedSetting dhcp(String name, int option, String type) {
        return new PredefinedSetting(name, option, type);
    }

    private static PredefinedSetting dhcp(String name, int option, int encapsulated, String type) {
        return new PredefinedSetting(name, (option << 8) | encapsulated, type);
    }

    private static PredefinedSetting named(String name, String type) {
        return new PredefinedSetting(name, 0, type);
    }
}
