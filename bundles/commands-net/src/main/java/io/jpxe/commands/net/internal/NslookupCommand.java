package io.jpxe.commands.net.internal;

import java.net.InetAddress;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.net.NameResolver;
import io.jpxe.api.settings.Settings;

/** {@code nslookup <setting> <name>}: resolves {@code name} and stores its first IPv4 address in {@code setting} (NSLOOKUP_CMD). */
@Component(service = Command.class)
@JpxeCommand("nslookup")
public final class NslookupCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("nslookup").usage("<setting> <name>")
            .summary("Look up a DNS name").arguments(2, 2).build();

    private final NameResolver resolver;
    private final Settings settings;

    @Activate
    public NslookupCommand(@Reference NameResolver resolver, @Reference Settings settings) {
        this.resolver = resolver;
        this.settings = settings;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        List<InetAddress> addresses = resolver.resolve(args.argument(1));
        String setting = args.argument(0);
        // iPXE stores the address with its own type: ipv4, or ipv6 when the answer is AAAA
        String type = addresses.get(0) instanceof java.net.Inet6Address ? "ipv6" : "ipv4";
        settings.storeRaw(setting.contains(":") ? setting : setting + ":" + type, type, addresses.get(0).getAddress());
    }
}
