package io.jpxe.settings.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jpxe.api.JpxeException;
import io.jpxe.api.settings.SettingsBlock;

/**
 * One node of the settings tree: a block path that may hold a generic store (the root and
 * autovivified blocks), any number of {@link SettingsBlock} services mounted at its path (merged,
 * in mount order), and child nodes. Structure changes are made by {@link SettingsTree} under its
 * lock; reads are lock-free.
 */
final class BlockNode {
    private final String path;
    private final long sequence;
    private final Map<String, BlockNode> children = new ConcurrentHashMap<>();
    private final List<SettingsBlock> mounted = new CopyOnWriteArrayList<>();
    private volatile GenericStore store;

    /** A value found in this node, with the name it was found under. */
    record Found(BlockNode node, String name, long tag, String type, byte[] raw) {
    }

    BlockNode(String path, long sequence, boolean withStore) {
        this.path = path;
        this.sequence = sequence;
        this.store = withStore ? new GenericStore() : null;
    }

    String path() {
        return path;
    }

    GenericStore store() {
        return store;
    }

    synchronized void createStore() {
        if (store == null) {
            store = new GenericStore();
        }
    }

    List<SettingsBlock> mounted() {
        return mounted;
    }

    Map<String, BlockNode> children() {
        return children;
    }

    /** Whether the block is visible: it has a store, a mounted block, or a visible descendant. */
    boolean exists() {
        return store != null || !mounted.isEmpty() || children.values().stream().anyMatch(BlockNode::exists);
    }

    /**
     * This node's own value of {@code name} (store first, then mounted blocks), ignoring children;
     * {@code named} says the lookup named this block; {@link SettingsBlock#scopedOnly()} blocks are asked
     * by name only (tag 0) otherwise, as iPXE's setting scopes keep DHCP tags away from SMBIOS and PCI.
     */
    Optional<Found> fetchOwn(SettingName name, boolean named) {
        GenericStore s = store;
        if (s != null) {
            Optional<GenericStore.Entry> e = s.fetch(name);
            if (e.isPresent()) {
                return Optional.of(new Found(this, e.get().name(), e.get().tag(), e.get().type(), e.get().raw()));
            }
        }
        for (SettingsBlock block : mounted) {
            // a scoped block (SMBIOS, PCI) sees tags only when named: unscoped it answers its own names only
            Optional<SettingsBlock.Raw> raw = safeFetch(block, name, !named && block.scopedOnly() ? 0 : name.tag());
            if (raw.isPresent() && raw.get().raw() != null) {
                return Optional.of(new Found(this, name.name(), name.tag(), raw.get().type(), raw.get().raw()));
            }
        }
        return Optional.empty();
    }

    /** Pre-order depth-first search: this node, then visible children by priority. */
    Optional<Found> fetchTree(SettingName name, boolean named) {
        Optional<Found> own = fetchOwn(name, named);
        if (own.isPresent()) {
            return own;
        }
        for (BlockNode child : orderedChildren()) {
            Optional<Found> found = child.fetchTree(name, false);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Visible children, higher priority first, then older first. */
    List<BlockNode> orderedChildren() {
        List<BlockNode> visible = new ArrayList<>();
        for (BlockNode child : children.values()) {
            if (child.exists()) {
                visible.add(child);
            }
        }
        visible.sort(Comparator.comparingLong(BlockNode::priority).reversed()
                .thenComparingLong(n -> n.sequence));
        return visible;
    }

    /**
     * The block's priority: its own {@code priority} setting (175.1, int8) if set, else the highest
     * {@link SettingsBlock#priority()} of the mounted blocks, else 0.
     */
    long priority() {
        try {
            SettingName priority = SettingName.parse("priority");
            Optional<Found> own = fetchOwn(priority, false);
            if (own.isPresent()) {
                return new NumericType("int8", 1, true).numerate(own.get().raw());
            }
        } catch (JpxeException e) {
            // an unreadable priority counts as no priority
        }
        return mounted.stream().mapToLong(SettingsBlock::priority).max().orElse(0);
    }

    private static Optional<SettingsBlock.Raw> safeFetch(SettingsBlock block, SettingName name, long tag) {
        try {
            Optional<SettingsBlock.Raw> raw = block.fetch(name.name(), tag);
            return raw == null ? Optional.empty() : raw;
        } catch (RuntimeException e) {
            // a misbehaving block must not break lookups in the rest of the tree
            return Optional.empty();
        }
    }
}
