package io.jpxe.commands.image.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageStore;

/**
 * {@code imgfree [<image>...]}: unregisters the named images, releasing their bytes, or every
 * registered image when none is named. Names are processed in order; the first unknown one fails
 * with {@code ENOENT} (those before it are already freed, as in iPXE). The running script is not
 * registered, so it cannot free itself.
 */
@Component(service = Command.class)
@JpxeCommand("imgfree")
public final class ImgfreeCommand extends ImageListCommand {
    @Activate
    public ImgfreeCommand(@Reference(name = "store") ImageStore store) {
        super("imgfree", "Free images", store);
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        if (args.arguments().isEmpty()) {
            List<Image> all = new ArrayList<>(store.images());
            all.forEach(store::unregister);
            return;
        }
        for (String name : args.arguments()) {
            store.unregister(named(name));
        }
    }
}
