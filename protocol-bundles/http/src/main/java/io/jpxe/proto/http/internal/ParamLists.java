package io.jpxe.proto.http.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * The named parameter lists that {@code params} creates and {@code param} fills (iPXE's
 * {@code core/params.c}); {@code ""} names the unnamed list. HTTP fetches read them when a URI
 * ends in {@code ##params[=NAME]}. Thread-safe: scripts write, event loops read.
 */
@Component(service = ParamLists.class)
public final class ParamLists {

    private final Map<String, List<HttpParams.Param>> lists = new HashMap<>();

    /** {@code params [--name NAME]}: a new, empty list, replacing one of that name. */
    public synchronized void create(String name) {
        lists.put(name, new ArrayList<>());
    }

    /**
     * {@code params --delete [--name NAME]}.
     *
     * @throws JpxeException {@code ENOENT} when there is no such list
     */
    public synchronized void delete(String name) throws JpxeException {
        if (lists.remove(name) == null) {
            throw missing(name);
        }
    }

    /**
     * {@code param [--params NAME] [--header] KEY VALUE}.
     *
     * @throws JpxeException {@code ENOENT} when there is no such list (run {@code params} first)
     */
    public synchronized void add(String name, String key, String value, boolean header) throws JpxeException {
        List<HttpParams.Param> list = lists.get(name);
        if (list == null) {
            throw missing(name);
        }
        if (header && (!key.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || value.matches("(?s).*[\\r\\n\\x00].*"))) {
            throw new JpxeException(Errno.EINVAL, "\"" + key + "\" cannot be an HTTP header (a name is a token;"
                    + " no line breaks in the value)");
        }
        list.add(new HttpParams.Param(key, value, header));
    }

    /** A snapshot of the list called {@code name}, if it exists. */
    public synchronized Optional<HttpParams> find(String name) {
        List<HttpParams.Param> list = lists.get(name);
        return list == null ? Optional.empty() : Optional.of(new HttpParams(list));
    }

    private static JpxeException missing(String name) {
        return new JpxeException(Errno.ENOENT, name.isEmpty() ? "no parameter list (run \"params\" first)"
                : "no parameter list \"" + name + "\" (run \"params --name " + name + "\" first)");
    }
}
