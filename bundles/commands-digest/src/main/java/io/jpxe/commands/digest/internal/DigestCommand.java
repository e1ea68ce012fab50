package io.jpxe.commands.digest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.image.FetchOptions;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.settings.Settings;

/**
 * iPXE's digest commands ({@code hci/commands/digest_cmd.c}): {@code <name> [--set <setting>] <image|uri>...}
 * prints {@code <hex digest>  <image name>} for each image (fetching URIs first), or with {@code --set}
 * stores the raw digest in the setting ({@code hexraw} unless the name gives a type). An image that
 * cannot be acquired is skipped; the command then fails with that image's error.
 */
abstract class DigestCommand implements Command {
    private final String algorithm;
    private final CommandSyntax syntax;
    private final ImageManager images;
    private final Settings settings;

    DigestCommand(String name, String algorithm, ImageManager images, Settings settings) {
        this.algorithm = algorithm;
        this.images = images;
        this.settings = settings;
        this.syntax = CommandSyntax.builder(name).usage("[--set <setting>] <image|uri> [<image|uri>...]")
                .summary("Calculate the " + algorithm + " digest of images")
                .option(OptionSpec.value('s', "set", "setting")).arguments(1, CommandSyntax.UNLIMITED).build();
    }

    @Override
    public CommandSyntax syntax() {
        return syntax;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        JpxeException failure = null;
        PrintStream out = context.console().out();
        for (String nameOrUri : args.arguments()) {
            context.checkCancelled();
            Image image;
            byte[] digest;
            try {
                image = images.acquire(nameOrUri, FetchOptions.defaults(), context);
                digest = digest(image);
            } catch (JpxeException e) {
                context.console().err().println(e.describe());
                failure = e;
                continue;
            }
            if (args.value("set").isPresent()) {
                store(args.value("set").get(), digest);
            } else {
                out.println(HexFormat.of().formatHex(digest) + "  " + image.name());
            }
        }
        out.flush();
        if (failure != null) {
            throw new io.jpxe.api.StatusException(failure.status(), failure.getMessage());
        }
    }

    private void store(String name, byte[] digest) throws JpxeException {
        int colon = name.lastIndexOf(':');
        boolean typed = colon > name.lastIndexOf('/');
        try {
            if (typed) {
                settings.storeRaw(name.substring(0, colon), name.substring(colon + 1), digest);
            } else {
                settings.storeRaw(name, "hexraw", digest);
            }
        } catch (JpxeException e) {
            throw new JpxeException(e.errno(), "Could not store \"" + name + "\" (" + e.getMessage() + ")", e);
        }
    }

    byte[] digest(Image image) throws JpxeException {
        try (InputStream in = image.openStream()) {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
            return md.digest();
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, image.name() + ": cannot read (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new JpxeException(Errno.ENOTSUP, algorithm + " is not available in this Java runtime", e);
        }
    }
}
