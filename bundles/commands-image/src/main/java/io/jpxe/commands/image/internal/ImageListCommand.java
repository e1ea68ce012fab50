package io.jpxe.commands.image.internal;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageStore;

/**
 * The shared shape of the commands that take an optional list of image names,
 * {@code <command> [<image>...]} ({@code imgfree}, {@code imgstat}): the syntax, the store, and the
 * lookup of a named image. Subclasses say what is done with the images.
 *
 * <p>Stateless: one instance serves every script thread.
 */
abstract class ImageListCommand implements Command {
    protected final ImageStore store;
    private final CommandSyntax syntax;

    ImageListCommand(String name, String summary, ImageStore store) {
        this.store = store;
        this.syntax = CommandSyntax.builder(name)
                .arguments(0, CommandSyntax.UNLIMITED).usage("[<image>...]").summary(summary).build();
    }

    @Override
    public final CommandSyntax syntax() {
        return syntax;
    }

    /** The registered image called {@code name}; fails with {@code ENOENT} when there is none. */
    final Image named(String name) throws JpxeException {
        return store.find(name)
                .orElseThrow(() -> new JpxeException(Errno.ENOENT, "\"" + name + "\": no such image"));
    }
}
