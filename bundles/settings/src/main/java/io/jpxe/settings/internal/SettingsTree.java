package io.jpxe.settings.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.Settings;
import io.jpxe.api.settings.SettingsBlock;

/**
 * iPXE's settings tree ({@code core/settings.c}): a root generic store, blocks autovivified by
 * {@code set a.b/x}, and {@link SettingsBlock} services mounted at their paths (several services
 * may share one path; they are merged). Unscoped lookups search the root and then its children
 * depth-first by priority; a scoped lookup searches the named block and its descendants.
 *
 * <p>Thread-safe: structure changes are serialised on this object, lookups are lock-free and never
 * call a contributed block while holding a lock.
 */
@Component(service = Settings.class)
public final class SettingsTree implements Settings {
    /** Bounds on one {@link #expand} call: far beyond any real script, small enough never to hang. */
    static final int MAX_SUBSTITUTIONS = 1000;
    static final int MAX_EXPANDED_LENGTH = 256 * 1024;

    private final AtomicLong sequence = new AtomicLong();
    private final BlockNode root = new BlockNode("", sequence.getAndIncrement(), true);
    private final SettingsExpander expander = new SettingsExpander(name -> fetch(name).orElse(""),
            MAX_SUBSTITUTIONS, MAX_EXPANDED_LENGTH);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public synchronized void mount(SettingsBlock block) {
        BlockNode node = root;
        for (String component : components(block.path())) {
            node = child(node, component, false);
        }
        node.mounted().add(block);
    }

    public synchronized void unmount(SettingsBlock block) {
        Optional<BlockNode> node = find(block.path(), false);
        node.ifPresent(n -> n.mounted().remove(block));
    }

    @Override
    public String expand(String text) {
        return text == null ? "" : expander.expand(text);
    }

    @Override
    public Optional<String> fetch(String name) {
        return fetchValue(name).map(SettingValue::formatted);
    }

    @Override
    public Optional<SettingValue> fetchValue(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            SettingName parsed = SettingName.parse(name);
            Optional<BlockNode> start = parsed.block() == null ? Optional.of(root) : find(parsed.block(), true);
            if (start.isEmpty()) {
                return Optional.empty();
            }
            Optional<BlockNode.Found> found = start.get().fetchTree(parsed, parsed.block() != null);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            BlockNode.Found f = found.get();
            SettingType type = parsed.effectiveType(f.type());
            return Optional.of(new SettingValue(f.node().path(), f.name(), f.tag(), type.name(), f.raw().clone(),
                    type.format(f.raw())));
        } catch (JpxeException e) {
            // iPXE treats invalid names, unknown types and unformattable values as "not set"
            return Optional.empty();
        }
    }

    @Override
    public void store(String name, String value) throws JpxeException {
        SettingName parsed = SettingName.parse(requireName(name));
        SettingType type = parsed.effectiveType(null);
        byte[] raw = (value == null || value.isEmpty()) ? null : type.parse(value);
        storeParsed(parsed, type.name(), raw);
    }

    @Override
    public void storeRaw(String name, String type, byte[] raw) throws JpxeException {
        SettingName parsed = SettingName.parse(requireName(name));
        if (SettingType.find(type).isEmpty()) {
            throw new JpxeException(Errno.EINVAL, "no setting type \"" + type + "\"");
        }
        storeParsed(parsed, type, raw == null || raw.length == 0 ? null : raw.clone());
    }

    @Override
    public void clear(String name) throws JpxeException {
        SettingName parsed = SettingName.parse(requireName(name));
        storeParsed(parsed, parsed.effectiveType(null).name(), null);
    }

    @Override
    public List<SettingValue> list(String block) {
        List<SettingValue> values = new ArrayList<>();
        find(block == null ? "" : block, true).ifPresent(node -> collect(node, values));
        return values;
    }

    private void collect(BlockNode node, List<SettingValue> values) {
        GenericStore store = node.store();
        if (store != null) {
            for (GenericStore.Entry e : store.list()) {
                String typeName = PredefinedSetting.byName(e.name()).map(PredefinedSetting::type).orElse(e.type());
                values.add(new SettingValue(node.path(), e.name(), e.tag(), typeName, e.raw().clone(),
                        SettingType.orString(typeName).formatQuietly(e.raw())));
            }
        }
        for (SettingsBlock block : node.mounted()) {
            try {
                values.addAll(block.list());
            } catch (RuntimeException e) {
                // a misbehaving block only loses its own entries
            }
        }
        node.orderedChildren().forEach(child -> collect(child, values));
    }

    private void storeParsed(SettingName parsed, String type, byte[] raw) throws JpxeException {
        BlockNode node = parsed.block() == null ? root : autovivify(parsed.block());
        if (node.store() != null || node.mounted().isEmpty()) {
            node.createStore();
            node.store().store(parsed, type, raw);
            return;
        }
        for (SettingsBlock block : node.mounted()) {
            if (block.store(parsed.name(), parsed.tag(), type, raw)) {
                return;
            }
        }
        throw new JpxeException(Errno.ENOTSUP, "settings block \"" + node.path() + "\" is read-only");
    }

    private synchronized BlockNode autovivify(String path) throws JpxeException {
        BlockNode node = root;
        for (String component : components(path)) {
            if (component.isEmpty()) {
                throw new JpxeException(Errno.EINVAL, "empty block name in \"" + path + "\"");
            }
            node = child(node, component, true);
        }
        return node;
    }

    /** The node at {@code path}; with {@code visibleOnly} only if the block exists for scripts. */
    private Optional<BlockNode> find(String path, boolean visibleOnly) {
        BlockNode node = root;
        for (String component : components(path)) {
            node = node.children().get(component);
            if (node == null) {
                return Optional.empty();
            }
        }
        return visibleOnly && !node.exists() ? Optional.empty() : Optional.of(node);
    }

    private BlockNode child(BlockNode parent, String name, boolean withStore) {
        BlockNode child = parent.children().get(name);
        if (child == null) {
            String path = parent.path().isEmpty() ? name : parent.path() + "." + name;
            child = new BlockNode(path, sequence.getAndIncrement(), withStore);
            parent.children().put(name, child);
        } else if (withStore && !child.exists()) {
            child.createStore();
        }
        return child;
    }

    private static List<String> components(String path) {
        return path == null || path.isEmpty() ? List.of() : List.of(path.split("\\.", -1));
    }

    private static String requireName(String name) throws JpxeException {
        if (name == null || name.isEmpty()) {
            throw new JpxeException(Errno.EINVAL, "empty setting name");
        }
        return name;
    }
}
