package io.jpxe.proto.https.internal;

import java.security.cert.X509Certificate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.image.ImageStore;

/**
 * {@code certstore <image>...}: adds the certificates (PEM or DER) held by downloaded images to the
 * trust store; without {@code ${trust}} they are trusted as CAs, with it only when listed there.
 */
@Component(service = Command.class)
@JpxeCommand("certstore")
public final class CertstoreCommand implements Command {

    private static final CommandSyntax SYNTAX = CommandSyntax.builder("certstore")
            .arguments(1, CommandSyntax.UNLIMITED).usage("<image>...").summary("Add certificates").build();

    private final TrustStore store;
    private final ImageStore images;

    @Activate
    public CertstoreCommand(@Reference(name = "store") TrustStore store, @Reference(name = "images") ImageStore images) {
        this.store = store;
        this.images = images;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        for (String name : args.arguments()) {
            for (X509Certificate c : CertCommands.fromImage(images, name)) {
                store.add(c);
            }
        }
    }
}
