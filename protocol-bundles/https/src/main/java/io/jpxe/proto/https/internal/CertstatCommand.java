package io.jpxe.proto.https.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;

/**
 * {@code certstat [--all]}: the certificates added with {@code certstore}, one line each with its
 * SHA-256 fingerprint (what {@code ${trust}} takes); {@code --all} adds the JDK's CA store.
 */
@Component(service = Command.class)
@JpxeCommand("certstat")
public final class CertstatCommand implements Command {

    private static final CommandSyntax SYNTAX = CommandSyntax.builder("certstat")
            .option(OptionSpec.flag('a', "all")).arguments(0, 0).usage("[--all]")
            .summary("List certificates").build();

    private final TrustStore store;

    @Activate
    public CertstatCommand(@Reference(name = "store") TrustStore store) {
        this.store = store;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        if (args.has("all")) {
            TrustStore.jdkAuthorities().forEach(c -> context.console().out().println(CertCommands.describe(c, true)));
        }
        store.stored().forEach(c -> context.console().out().println(CertCommands.describe(c, false)));
    }
}
