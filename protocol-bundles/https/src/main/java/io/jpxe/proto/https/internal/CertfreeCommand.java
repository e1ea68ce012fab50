package io.jpxe.proto.https.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;

/** {@code certfree [<fingerprint>...]}: forgets added certificates (by fingerprint prefix), all without arguments. */
@Component(service = Command.class)
@JpxeCommand("certfree")
public final class CertfreeCommand implements Command {

    private static final CommandSyntax SYNTAX = CommandSyntax.builder("certfree")
            .arguments(0, CommandSyntax.UNLIMITED).usage("[<fingerprint>...]").summary("Discard certificates").build();

    private final TrustStore store;

    @Activate
    public CertfreeCommand(@Reference(name = "store") TrustStore store) {
        this.store = store;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        if (args.arguments().isEmpty()) {
            store.remove(null);
            return;
        }
        for (String prefix : args.arguments()) {
            if (prefix.replace(":", "").length() < 8) {
                throw new JpxeException(Errno.EINVAL, "\"" + prefix + "\": give at least 8 hex digits of a fingerprint");
            }
            if (store.remove(prefix) == 0) {
                throw new JpxeException(Errno.ENOENT, "\"" + prefix + "\": no such certificate");
            }
        }
    }
}
