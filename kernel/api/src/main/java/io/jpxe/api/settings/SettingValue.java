package io.jpxe.api.settings;

/**
 * One stored setting: where it lives, its name and tag, its type and its raw bytes.
 *
 * @param block     the dotted block path ({@code ""} for the root)
 * @param name      the setting's name (predefined or ad-hoc; the tag in decimal for unnamed options)
 * @param tag       the numeric tag (DHCP option number, encapsulated {@code 175.3} as {@code (175<<8)|3}),
 *                  or 0 for ad-hoc names
 * @param type      the type name ({@code string}, {@code ipv4}, {@code uint32}...)
 * @param raw       the raw value; callers must not modify it
 * @param formatted the value formatted with its type
 */
public record SettingValue(String block, String name, long tag, String type, byte[] raw, String formatted) {
}
