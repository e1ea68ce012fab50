package io.jpxe.commands.ntp.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;

/**
 * {@code ntp <server>} (iPXE {@code ntp_cmd.c}, {@code net/ntp.c}): asks the server for the time with
 * an SNTP request (up to {@link #ATTEMPTS} tries, {@link #ATTEMPT_MILLIS} ms each) and reports the
 * offset of this machine's clock. iPXE keeps the result as its own clock offset; jPXE runs on the
 * Linux clock, which it does not change from a script (that is the system's time service's job), so
 * the command prints the offset instead ({@code ntp: <server> is +0.012 s ahead}). As an extension,
 * {@code <server>} may carry a port ({@code host:port}, {@code [v6]:port}). Runs on the script thread.
 */
@Component(service = Command.class)
@JpxeCommand("ntp")
public final class NtpCommand implements Command {
    static final int PORT = 123;
    static final int ATTEMPTS = 3;
    static final int ATTEMPT_MILLIS = 2000;
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("ntp").usage("<server>")
            .summary("Get time and date via NTP").arguments(1, 1).build();

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        InetSocketAddress server = address(args.argument(0));
        long offset = query(context, server);
        context.console().out().println("ntp: " + args.argument(0) + " is " + String.format("%+.3f", offset / 1000.0)
                + " s ahead of this machine");
        context.console().out().flush();
    }

    /** Queries {@code server}; returns the clock offset in ms. */
    static long query(CommandContext context, InetSocketAddress server) throws JpxeException {
        JpxeException last = null;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(ATTEMPT_MILLIS);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                if (context != null) {
                    context.checkCancelled();
                }
                long sent = System.currentTimeMillis();
                byte[] request = NtpPacket.request(sent);
                socket.send(new DatagramPacket(request, request.length, server));
                byte[] buffer = new byte[512];
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(reply);
                } catch (SocketTimeoutException e) {
                    last = new JpxeException(Errno.ETIMEDOUT, "no NTP reply from " + server);
                    continue;
                }
                long received = System.currentTimeMillis();
                try {
                    return NtpPacket.parse(buffer, reply.getLength(), request).offsetMillis(sent, received);
                } catch (JpxeException e) {
                    last = e; // a stray or bad datagram: ask again
                }
            }
        } catch (IOException e) {
            throw new JpxeException(Errno.ENETUNREACH, "cannot reach " + server + " (" + e.getMessage() + ")", e);
        }
        throw last;
    }

    static InetSocketAddress address(String text) throws JpxeException {
        String host = text;
        int port = PORT;
        int colon = text.lastIndexOf(':');
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new JpxeException(Errno.EINVAL, "\"" + text + "\": unterminated [IPv6 address]");
            }
            host = text.substring(1, close);
            if (close + 1 < text.length()) {
                port = port(text, text.substring(close + 2));
            }
        } else if (colon > 0 && colon == text.indexOf(':')) {
            host = text.substring(0, colon);
            port = port(text, text.substring(colon + 1));
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new JpxeException(Errno.ENOENT, "Could not resolve \"" + host + "\"", e);
        }
    }

    private static int port(String text, String port) throws JpxeException {
        long value = CommandSyntax.parseInteger(port);
        if (value < 1 || value > 65535) {
            throw new JpxeException(Errno.EINVAL, "\"" + text + "\": port out of range");
        }
        return (int) value;
    }
}
