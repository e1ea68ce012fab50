package io.jpxe.api.settings;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.jpxe.api.JpxeException;

/**
 * iPXE's settings tree, one per loader.
 *
 * <p>Names are {@code [<block>/]<name>[:<type>]} exactly as in iPXE: {@code <block>} a dotted path
 * ({@code net0.dhcp}), {@code <name>} a predefined name, a numeric tag ({@code 67}, {@code 175.3})
 * or an ad-hoc name; {@code <type>} a type override ({@code string}, {@code uint8}, {@code hex}...).
 *
 * <p>Thread-safe. Blocks contributed by other bundles are {@link SettingsBlock} services.
 */
@ProviderType
public interface Settings {

    /**
     * Expands every {@code ${...}} in {@code text} as iPXE's {@code expand_settings} does: innermost
     * first, rescanning after each substitution; unknown names, blocks or types give {@code ""}.
     * A self-referencing value never hangs: expansion stops after a bounded number of substitutions.
     */
    String expand(String text);

    /**
     * The formatted value of setting {@code name}, or empty if it is not set, the block does not
     * exist or the name is invalid.
     */
    Optional<String> fetch(String name);

    /**
     * The stored value with its scope and type, for {@code show}.
     */
    Optional<SettingValue> fetchValue(String name);

    /**
     * Parses {@code value} with the setting's type and stores it, creating blocks named in the path.
     * An empty or {@code null} value deletes the setting.
     *
     * @throws JpxeException {@code EINVAL} if the value does not parse as the type, {@code ENOTSUP}
     *                       if the target block is read-only
     */
    void store(String name, String value) throws JpxeException;

    /**
     * Stores raw bytes with an explicit type (used by DHCP, {@code imgset}...).
     *
     * @throws JpxeException {@code EINVAL} for an invalid name or type
     */
    void storeRaw(String name, String type, byte[] raw) throws JpxeException;

    /** Deletes setting {@code name}; deleting an absent setting succeeds. */
    void clear(String name) throws JpxeException;

    /** Every value visible in block {@code block} ({@code ""} = root) and its children, for {@code config}/{@code show}. */
    List<SettingValue> list(String block);
}
