package io.jpxe.settings.internal;

import java.util.Optional;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * A parsed setting name {@code [<block>/]<name>[:<type>]} (iPXE's {@code parse_setting_name}).
 *
 * @param block      the dotted block path, {@code ""} for the root, or {@code null} when no block was
 *                   given (lookup then searches the whole tree; storing goes to the root)
 * @param name       the setting's name: the predefined name when the text or tag matched one
 * @param tag        the numeric tag, or 0 for names that are not numbers
 * @param type       the type override, or {@code null}
 * @param predefined the matching predefined setting, if any
 */
record SettingName(String block, String name, long tag, SettingType type, Optional<PredefinedSetting> predefined) {

    /**
     * Parses a setting name.
     *
     * @throws JpxeException {@code ENOTSUP} for an unknown type name (as iPXE)
     */
    static SettingName parse(String text) throws JpxeException {
        String block = null;
        String rest = text;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            block = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
        }
        SettingType type = null;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            String typeName = rest.substring(colon + 1);
            type = SettingType.find(typeName)
                    .orElseThrow(() -> new JpxeException(Errno.ENOTSUP, "no setting type \"" + typeName + "\""));
            rest = rest.substring(0, colon);
        }
        long tag = tag(rest);
        Optional<PredefinedSetting> predefined = PredefinedSetting.byTag(tag);
        if (predefined.isEmpty() && !rest.isEmpty()) {
            predefined = PredefinedSetting.byName(rest);
        }
        String name = predefined.map(PredefinedSetting::name).orElse(rest);
        long effectiveTag = predefined.map(PredefinedSetting::tag).filter(t -> t != 0).orElse(tag);
        return new SettingName(block, name, effectiveTag, type, predefined);
    }

    /**
     * iPXE's {@code parse_setting_tag}: dot-separated {@code strtoul(…, 0)} components, each shifted
     * in 8 bits at a time (32-bit arithmetic); 0 when the text is not such a list.
     */
    static long tag(String text) {
        long tag = 0;
        int position = 0;
        while (true) {
            CText.Parsed part = CText.strtoul(text, position, 0);
            tag = ((tag << 8) | part.value()) & 0xFFFF_FFFFL;
            if (part.end() == text.length()) {
                return tag;
            }
            if (text.charAt(part.end()) != '.') {
                return 0;
            }
            position = part.end() + 1;
        }
    }

    /** The type used to format or parse: the override, else the predefined type, else {@code fallback}. */
    SettingType effectiveType(String fallback) {
        if (type != null) {
            return type;
        }
        return SettingType.orString(predefined.map(PredefinedSetting::type).orElse(fallback));
    }

    /** The key a generic store files this setting under: the tag when there is one, else the name. */
    String storeKey() {
        return tag != 0 ? "#" + tag : name;
    }
}
