package io.jpxe.settings.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * iPXE's generic settings store (the root and every autovivified block): values kept in memory in
 * insertion order, filed by tag when they have one, else by name. Thread-safe.
 */
final class GenericStore {

    /** One stored value. */
    record Entry(String name, long tag, String type, byte[] raw) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    synchronized Optional<Entry> fetch(SettingName name) {
        return Optional.ofNullable(entries.get(name.storeKey()));
    }

    /** Stores {@code raw} ({@code null} deletes). */
    synchronized void store(SettingName name, String type, byte[] raw) {
        if (raw == null) {
            entries.remove(name.storeKey());
        } else {
            entries.put(name.storeKey(), new Entry(name.name(), name.tag(), type, raw.clone()));
        }
    }

    synchronized List<Entry> list() {
        return new ArrayList<>(entries.values());
    }
}
