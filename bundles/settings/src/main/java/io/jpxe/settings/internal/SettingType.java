package io.jpxe.settings.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * One of iPXE's setting types: converts text to raw bytes ({@code storef}) and raw bytes to text
 * ({@code fetchf}). Implementations are stateless and thread-safe.
 */
interface SettingType {

    /** The type's name as written after {@code :} in a setting name. */
    String name();

    /**
     * Parses {@code text} into raw bytes.
     *
     * @throws JpxeException {@code EINVAL} when the text is not a value of this type,
     *                       {@code ENOTSUP} for types that cannot be stored
     */
    byte[] parse(String text) throws JpxeException;

    /**
     * Formats raw bytes as text.
     *
     * @throws JpxeException {@code ERANGE} or {@code EINVAL} when the bytes do not fit the type
     */
    String format(byte[] raw) throws JpxeException;

    /** {@link #format}, or {@code ""} when the bytes do not fit the type. */
    default String formatQuietly(byte[] raw) {
        try {
            return format(raw);
        } catch (JpxeException e) {
            return "";
        }
    }

    /** The type called {@code name}, if iPXE has one. */
    static Optional<SettingType> find(String name) {
        return Optional.ofNullable(Registry.TYPES.get(name));
    }

    /** The type called {@code name}, or {@code string} for unknown or absent names. */
    static SettingType orString(String name) {
        return name == null ? Registry.STRING : Registry.TYPES.getOrDefault(name, Registry.STRING);
    }

    /** The failure every parser reports for text that is not a value of its type. */
    static JpxeException invalid(SettingType type, String text) {
        return new JpxeException(Errno.EINVAL, "\"" + text + "\" is not a valid " + type.name() + " value");
    }

    /** The immutable table of types (iPXE's {@code SETTING_TYPES} linker table). */
    final class Registry {
        static final SettingType STRING = new StringType(false);
        static final Map<String, SettingType> TYPES = build();

        private Registry() {
        }

        private static Map<String, SettingType> build() {
            Map<String, SettingType> types = new LinkedHashMap<>();
            for (SettingType t : new SettingType[] { STRING, new StringType(true), new Ipv4Type(), new Ipv6Type(),
                    new NumericType("int8", 1, true), new NumericType("int16", 2, true),
                    new NumericType("int32", 4, true), new NumericType("uint8", 1, false),
                    new NumericType("uint16", 2, false), new NumericType("uint32", 4, false),
                    new HexType("hex", ':'), new HexType("hexhyp", '-'), new HexType("hexraw", (char) 0),
                    new Base64Type(), new UuidType(false), new UuidType(true), new BusDevFnType(), new DnsslType() }) {
                types.put(t.name(), t);
            }
            return Map.copyOf(types);
        }
    }
}
