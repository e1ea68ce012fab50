package io.jpxe.commands.net.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.net.NameResolver;

/**
 * {@code ping [--size <size>] [--timeout <timeout>] [--count <count>] [--quiet] <host>}: ICMP echo as
 * iPXE's {@code ping_cmd.c} (IPv4, and IPv6 literals with an optional zone such as {@code fe80::1%net0}; names through {@link NameResolver} when present, else the JVM's resolver).
 */
@Component(service = Command.class)
@JpxeCommand("ping")
public final class PingCommand implements Command {
    static final OptionSpec SIZE = OptionSpec.value('s', "size", "size");
    static final OptionSpec TIMEOUT = OptionSpec.value('t', "timeout", "timeout");
    static final OptionSpec COUNT = OptionSpec.value('c', "count", "count");
    static final OptionSpec QUIET = OptionSpec.flag('q', "quiet");
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("ping")
            .usage("[--size <size>] [--timeout <timeout>] [--count <count>] [--quiet] <host>")
            .option(SIZE).option(TIMEOUT).option(COUNT).option(QUIET)
            .summary("Ping a host").arguments(1, 1).build();
    static final int DEFAULT_SIZE = 64;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** The largest payload one IPv4 datagram carries after the IP and ICMP headers. */
    static final int MAX_SIZE = 65_507;

    private final NameResolver resolver;

    @Activate
    public PingCommand(@Reference(cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) NameResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        Request request = request(args);
        new Pinger(context, resolve(request.host()), request.size(), request.timeout(), request.count(),
                request.quiet()).run();
    }

    /** The checked options of one invocation. */
    record Request(String host, int size, Duration timeout, long count, boolean quiet) {
    }

    static Request request(ParsedCommand args) throws JpxeException {
        long size = args.integer(SIZE.longName(), DEFAULT_SIZE);
        if (size < 0 || size > MAX_SIZE) {
            throw ParsedCommand.invalid("size", args.value(SIZE.longName()).orElse(""));
        }
        Duration timeout = args.timeout(TIMEOUT.longName(), DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw ParsedCommand.invalid("timeout", args.value(TIMEOUT.longName()).orElse(""));
        }
        long count = args.integer(COUNT.longName(), 0);
        if (count < 0) {
            throw ParsedCommand.invalid("count", args.value(COUNT.longName()).orElse(""));
        }
        return new Request(args.argument(0), (int) size, timeout, count, args.has(QUIET.longName()));
    }

    /** The first IPv4 address of {@code host}, or its IPv6 address when it is an IPv6 literal. */
    private InetAddress resolve(String host) throws JpxeException {
        List<InetAddress> addresses;
        if (resolver != null) {
            addresses = resolver.resolve(host);
        } else {
            try {
                addresses = List.of(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                throw new JpxeException(Errno.ENOENT, "Could not resolve " + host, e);
            }
        }
        for (InetAddress address : addresses) {
            if (address instanceof Inet4Address v4) {
                return v4;
            }
        }
        if (!addresses.isEmpty()) {
            return addresses.get(0);
        }
        throw new JpxeException(Errno.ENOENT, "Could not resolve " + host);
    }
}
