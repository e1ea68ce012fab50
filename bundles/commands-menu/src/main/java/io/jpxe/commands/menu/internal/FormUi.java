package io.jpxe.commands.menu.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.settings.Settings;

/**
 * Edits a form's fields one line each (used by {@code present} and {@code login}): the title and text
 * items are printed, each field is read with the console's line editor prefilled with the setting's
 * value (nothing shown for secret fields), and all values are stored only when every field was
 * answered, as iPXE's form stores on submit. Esc/Ctrl-C or a closed input cancel with nothing stored.
 */
final class FormUi {
    private final CommandContext context;
    private final Settings settings;

    FormUi(CommandContext context, Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    void present(String title, List<DynUi.Item> items) throws JpxeException {
        PrintStream out = context.console().out();
        if (!title.isEmpty()) {
            out.println(title);
        }
        Map<String, String> answers = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (DynUi.Item item : items) {
            if (!item.selectable()) {
                out.println(item.text());
                continue;
            }
            context.checkCancelled();
            String initial = item.secret() ? "" : settings.fetch(item.name()).orElse("");
            Optional<String> line = context.console().readLine(item.text() + ": ", initial, Duration.ZERO);
            if (line.isEmpty()) {
                throw new JpxeException(Errno.ECANCELED, "Input closed");
            }
            answers.put(item.name(), line.get());
            order.add(item.name());
        }
        for (String name : order) {
            try {
                settings.store(name, answers.get(name));
            } catch (JpxeException e) {
                throw new JpxeException(e.errno(), "Could not store \"" + name + "\" (" + e.getMessage() + ")", e);
            }
        }
        out.flush();
    }
}
