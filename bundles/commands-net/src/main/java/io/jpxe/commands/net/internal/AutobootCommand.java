package io.jpxe.commands.net.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.StatusException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.image.FetchOptions;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.net.NetDevice;
import io.jpxe.api.settings.Settings;

/**
 * {@code autoboot [<interface>...]} (iPXE's {@code usr/autoboot.c}): for each interface, close the
 * others, open it, configure it, print the routes, then chain {@code ${filename}} made absolute
 * against {@code ${next-server}} as {@code pxe_uri()} does. Fails with {@code No more network devices}
 * when no interface boots.
 */
@Component(service = Command.class)
@JpxeCommand("autoboot")
public final class AutobootCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("autoboot").usage("[<interface>...]")
            .summary("Boot from the network").arguments(0, CommandSyntax.UNLIMITED).build();

    private final NetInventory net;
    private final ImageManager images;
    private final Settings settings;

    @Activate
    public AutobootCommand(@Reference NetInventory net, @Reference ImageManager images,
            @Reference Settings settings) {
        this.net = net;
        this.images = images;
        this.settings = settings;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        List<NetDevice> candidates = NetDevices.select(net.devices(), args.arguments());
        JpxeException last = null;
        for (NetDevice device : candidates) {
            try {
                netboot(device, candidates, context);
                return;
            } catch (StatusException e) {
                throw e;
            } catch (JpxeException e) {
                if (e.errno() == Errno.ECANCELED) {
                    throw e;
                }
                context.console().err().println(e.describe());
                last = e;
            }
        }
        throw new JpxeException(Errno.ENODEV, "No more network devices", last);
    }

    private void netboot(NetDevice device, List<NetDevice> all, CommandContext context) throws JpxeException {
        for (NetDevice other : all) {
            if (other != device) {
                try {
                    other.close();
                } catch (IOException e) {
                    // iPXE ignores close failures of the other devices too
                }
            }
        }
        Configure.device(device, net.configurators(), null, NetDevices.LINK_WAIT, context);
        context.console().out().print(RouteCommand.table(List.of(device), settings));
        String filename = settings.fetch("filename").orElse("");
        if (filename.isEmpty()) {
            throw new JpxeException(Errno.ENOENT, "No filename or root path specified");
        }
        URI uri = pxeUri(settings.fetch("next-server"), filename);
        Image image = images.fetch(uri, FetchOptions.defaults(), context);
        try {
            images.execute(image, context);
        } catch (StatusException e) {
            throw e;
        } catch (JpxeException e) {
            String detail = e.getMessage() == null || e.getMessage().isEmpty() ? "" : ": " + e.getMessage();
            throw new JpxeException(e.errno(), "Could not boot" + detail, e);
        }
    }

    /**
     * iPXE's {@code pxe_uri()}: an absolute hierarchical URI is used as it is; anything else becomes
     * {@code tftp://<next-server>/<filename>} (a leading {@code /} gives a double slash).
     */
    static URI pxeUri(Optional<String> nextServer, String filename) throws JpxeException {
        try {
            URI parsed = new URI(filename);
            if (parsed.isAbsolute() && !parsed.isOpaque()) {
                return parsed;
            }
        } catch (URISyntaxException e) {
            // not a URI: a TFTP path
        }
        if (nextServer.isEmpty() || nextServer.get().isEmpty() || nextServer.get().equals("0.0.0.0")) {
            throw new JpxeException(Errno.EINVAL, "\"" + filename + "\" is not a URI and there is no next-server");
        }
        try {
            return new URI("tftp", nextServer.get(), "/" + filename, null);
        } catch (URISyntaxException e) {
            throw new JpxeException(Errno.EINVAL, "\"" + filename + "\": invalid TFTP filename", e);
        }
    }
}
