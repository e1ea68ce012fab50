package io.jpxe.commands.menu.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * The menus and forms defined so far, by name ({@code ""} is the unnamed default). Creating one with
 * an existing name replaces it, as iPXE's {@code create_dynui} does. Shared by the commands of this
 * bundle; thread-safe.
 */
@Component(service = DynUiRegistry.class)
public final class DynUiRegistry {
    private final Map<String, DynUi> uis = new HashMap<>();

    synchronized DynUi create(String name, String title) {
        DynUi ui = new DynUi(name, title);
        uis.put(name, ui);
        return ui;
    }

    synchronized void delete(String name) {
        uis.remove(name);
    }

    /** Removes {@code ui} if it is still the one registered under its name. */
    synchronized void destroy(DynUi ui) {
        uis.remove(ui.name(), ui);
    }

    synchronized Optional<DynUi> find(String name) {
        return Optional.ofNullable(uis.get(name));
    }

    /** The named (or default) menu/form, or {@code ENOENT} with iPXE's wording. */
    DynUi require(String name, String kind) throws JpxeException {
        return find(name).orElseThrow(() -> new JpxeException(Errno.ENOENT,
                name.isEmpty() ? "Could not find " + kind : "Could not find " + kind + " \"" + name + "\""));
    }
}
