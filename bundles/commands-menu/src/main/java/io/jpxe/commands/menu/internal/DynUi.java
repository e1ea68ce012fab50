package io.jpxe.commands.menu.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One menu or form (iPXE's {@code struct dynamic_ui}, {@code core/dynui.c}): a title and items.
 * Built by {@code menu}/{@code form} and {@code item}, shown by {@code choose}/{@code present}.
 * Guarded by the {@link DynUiRegistry} lock while it is being built; shown by one script thread.
 */
final class DynUi {
    private final String name;
    private final String title;
    private final List<Item> items = new ArrayList<>();

    DynUi(String name, String title) {
        this.name = name;
        this.title = title;
    }

    String name() {
        return name;
    }

    String title() {
        return title;
    }

    synchronized void add(Item item) {
        items.add(item);
    }

    synchronized List<Item> items() {
        return List.copyOf(items);
    }

    /**
     * One entry. A menu item with no name is a separator (text only); in a form the name is the
     * setting the field edits.
     *
     * @param name     the label stored by {@code choose} (or the setting edited by {@code present}), or null
     * @param text     the text shown
     * @param shortcut the shortcut key, or 0
     * @param isDefault whether {@code --default} was given
     * @param secret   whether input is masked ({@code --secret})
     */
    record Item(String name, String text, int shortcut, boolean isDefault, boolean secret) {
        boolean selectable() {
            return name != null && !name.isEmpty();
        }
    }
}
