package io.jpxe.images.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.image.ImageManager;
import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.SettingsBlock;

/**
 * The read-only builtin settings {@code cwuri} (the current working URI) and {@code cwduri} (its
 * directory), mounted at {@code builtin} next to other bundles' builtins.
 *
 * <p>Typed {@code string}, as iPXE's {@code core/settings.c} types them: a {@code uristring} type would
 * percent-encode {@code /} and {@code :} when expanded, and break scripts such as
 * {@code chain ${cwduri}next.ipxe}. Thread-safe (reads the manager's volatile working URI).
 */
@Component(service = SettingsBlock.class)
public final class WorkingUriSettings implements SettingsBlock {
    static final String PATH = "builtin";
    static final String CWURI = "cwuri";
    static final String CWDURI = "cwduri";
    private static final String TYPE = "string";

    private final ImageManager manager;

    @Activate
    public WorkingUriSettings(@Reference(name = "manager") ImageManager manager) {
        this.manager = manager;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Optional<Raw> fetch(String name, long tag) {
        return value(name).map(text -> new Raw(TYPE, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public List<SettingValue> list() {
        List<SettingValue> values = new ArrayList<>();
        for (String name : List.of(CWURI, CWDURI)) {
            value(name).ifPresent(text -> values.add(
                    new SettingValue(PATH, name, 0, TYPE, text.getBytes(StandardCharsets.UTF_8), text)));
        }
        return values;
    }

    private Optional<String> value(String name) {
        Optional<URI> uri = manager.workingUri();
        return switch (name) {
            case CWURI -> uri.map(URI::toString);
            case CWDURI -> uri.map(WorkingUriSettings::directory);
            default -> Optional.empty();
        };
    }

    /** The URI up to and including the last {@code /} of its path, without query or fragment. */
    static String directory(URI uri) {
        if (uri.isOpaque()) {
            return uri.toString();
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String dir = path.substring(0, path.lastIndexOf('/') + 1);
        if (dir.isEmpty() && uri.getRawAuthority() != null) {
            dir = "/";
        }
        return uri.getScheme() + ":" + (uri.getRawAuthority() != null ? "//" + uri.getRawAuthority() : "") + dir;
    }
}
