package io.jpxe.api.settings;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A block of settings contributed by a bundle: a DHCP lease ({@code net0.dhcp}), a network device
 * ({@code net0}), SMBIOS ({@code smbios}), builtins. Registered as a service; the settings tree
 * mounts it at {@link #path()}.
 *
 * <p>Called from script threads; implementations must be thread-safe. Read-only unless
 * {@link #store} is overridden.
 */
@ConsumerType
public interface SettingsBlock {

    /** The dotted path where the block is mounted, e.g. {@code net0.dhcp}. */
    String path();

    /**
     * Search order among siblings when a name is looked up without a block: higher first.
     * iPXE's order: builtins and ad-hoc root settings, then NICs, DHCP, SMBIOS.
     */
    default int priority() {
        return 0;
    }

    /**
     * Whether the block answers only lookups that name it, as iPXE's setting scopes do for the SMBIOS
     * and PCI blocks: they read raw tables by tag, so an unscoped {@code ${67}}, {@code ${filename}} or
     * the tree's {@code priority} probe must never reach them. Default {@code false}.
     *
     * @since 1.1
     */
    default boolean scopedOnly() {
        return false;
    }

    /**
     * Looks a setting up by name or by tag ({@code 0} when the lookup is by ad-hoc name only).
     *
     * @return raw bytes and their natural type, or empty
     */
    Optional<Raw> fetch(String name, long tag);

    /** Every setting in this block. */
    List<SettingValue> list();

    /**
     * Stores a raw value; {@code raw == null} deletes.
     *
     * @return {@code false} if the block is read-only (the tree then reports {@code ENOTSUP})
     */
    default boolean store(String name, long tag, String type, byte[] raw) {
        return false;
    }

    /**
     * A raw value with the type it naturally has.
     *
     * @param type the type name
     * @param raw  the bytes; callers must not modify them
     */
    record Raw(String type, byte[] raw) {
    }
}
