package io.jpxe.commands.net.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.StatusException;
import io.jpxe.api.command.CommandContext;

/**
 * iPXE's {@code usr/pingmgmt.c} and {@code core/pinger.c}: sends one ICMP echo request per timeout
 * period, prints each reply ({@code 64 bytes from 10.0.0.1: seq=1}) or its absence
 * ({@code 0 bytes from <none>: seq=2: Connection timed out}), and fails at the end if any reply was
 * missing. Runs on the script thread; blocks for {@code count × timeout}.
 */
final class Pinger {
    static final int ECHO_REPLY = 0;
    static final int ECHO_REQUEST = 8;
    static final int ECHO_REQUEST_V6 = 128;
    static final int ECHO_REPLY_V6 = 129;
    static final int HEADER = 8;
    /** How often the receive loop looks for Ctrl-C. */
    private static final long POLL_MILLIS = 100;

    /** What an incoming ICMP message is to the current request. */
    enum Match { REPLY, CORRUPT, OTHER }

    private final CommandContext context;
    private final InetAddress target;
    private final boolean ipv6;
    private final int size;
    private final Duration timeout;
    private final long count;
    private final boolean quiet;

    Pinger(CommandContext context, InetAddress target, int size, Duration timeout, long count, boolean quiet) {
        this.context = context;
        this.target = target;
        this.ipv6 = target instanceof Inet6Address;
        this.size = size;
        this.timeout = timeout;
        this.count = count;
        this.quiet = quiet;
    }

    /** Pings until {@code count} requests have been answered or timed out (forever when 0, until Ctrl-C). */
    void run() throws JpxeException {
        PrintStream out = context.console().out();
        // our own identifier: a raw socket sees every ICMP message on the host
        int id = (int) (ProcessHandle.current().pid() ^ System.identityHashCode(this)) & 0xffff;
        Errno failure = null;
        try (IcmpSocket socket = open()) {
            for (long seq = 1; count == 0 || seq <= count; seq++) {
                context.checkCancelled();
                int sequence = (int) (seq & 0xffff);
                long deadline = System.nanoTime() + timeout.toNanos();
                socket.send(target, echoRequest(id, sequence, size, ipv6));
                Errno result = awaitReply(socket, socket.keepsIdentifier() ? id : -1, sequence, deadline, out);
                if (result != null) {
                    failure = result;
                    print(out, "0 bytes from <none>: seq=" + sequence + ": " + result.message());
                }
                // iPXE sends one request per timeout period, answered or not
                while (System.nanoTime() < deadline && (count == 0 || seq < count)) {
                    context.checkCancelled();
                    sleep(Math.min(POLL_MILLIS, (deadline - System.nanoTime()) / 1_000_000 + 1));
                }
            }
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "ping " + text(target) + ": " + e.getMessage(), e);
        }
        if (failure != null) {
            print(out, "Finished: " + failure.message());
            throw new StatusException(failure.status(), "ping " + text(target) + " missed replies");
        }
    }

    /** Returns null once the reply came, else why not. */
    private Errno awaitReply(IcmpSocket socket, int id, int sequence, long deadline, PrintStream out)
            throws IOException, JpxeException {
        while (System.nanoTime() < deadline) {
            context.checkCancelled();
            IcmpSocket.Received received = socket.receive();
            if (received == null || !received.from().equals(target)) {
                continue;
            }
            switch (match(received.icmp(), id, sequence, size, ipv6)) {
                case REPLY -> {
                    print(out, size + " bytes from " + text(target) + ": seq=" + sequence);
                    return null;
                }
                case CORRUPT -> {
                    return Errno.EPROTO;
                }
                case OTHER -> {
                    // someone else's echo, a stale reply or our own request seen by a raw socket
                }
            }
        }
        return Errno.ETIMEDOUT;
    }

    private IcmpSocket open() throws JpxeException {
        try {
            return IcmpSocket.open(POLL_MILLIS, ipv6);
        } catch (IcmpSocket.ErrnoException e) {
            Errno errno = e.errno() == 13 ? Errno.EACCES : e.errno() == 1 ? Errno.EPERM : Errno.EIO;
            throw new JpxeException(errno, "Could not open an ICMP socket (net.ipv4.ping_group_range "
                    + "excludes this group and there is no CAP_NET_RAW)", e);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "Could not open an ICMP socket: " + e.getMessage(), e);
        }
    }

    /** An address as iPXE prints it: dotted quad, or RFC 5952 IPv6 text without the zone. */
    static String text(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] a = address.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
            } else {
                if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
                    s.append(':');
                }
                s.append(Integer.toHexString(g[i]));
            }
        }
        return s.toString();
    }

    private void print(PrintStream out, String line) {
        if (!quiet) {
            out.println(line);
        }
    }

    private void sleep(long millis) throws JpxeException {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JpxeException(Errno.ECANCELED, "ping interrupted");
        }
    }

    /** An ICMP echo request: header, identifier, sequence, and iPXE's payload of bytes 0, 1, 2... */
    static byte[] echoRequest(int id, int sequence, int size) {
        return echoRequest(id, sequence, size, false);
    }

    /**
     * As above, an ICMPv6 echo request (type 128) when {@code ipv6}; its checksum is left for the kernel,
     * which alone knows the source address the pseudo-header needs (RFC 4443 §2.3).
     */
    static byte[] echoRequest(int id, int sequence, int size, boolean ipv6) {
        byte[] packet = new byte[HEADER + size];
        packet[0] = (byte) (ipv6 ? ECHO_REQUEST_V6 : ECHO_REQUEST);
        packet[4] = (byte) (id >> 8);
        packet[5] = (byte) id;
        packet[6] = (byte) (sequence >> 8);
        packet[7] = (byte) sequence;
        for (int i = 0; i < size; i++) {
            packet[HEADER + i] = (byte) i;
        }
        if (!ipv6) {
            int sum = checksum(packet);
            packet[2] = (byte) (sum >> 8);
            packet[3] = (byte) sum;
        }
        return packet;
    }

    /** The Internet checksum (RFC 1071) of {@code data}; 0 when data carries a correct checksum. */
    static int checksum(byte[] data) {
        long sum = 0;
        for (int i = 0; i + 1 < data.length; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if ((data.length & 1) != 0) {
            sum += (data[data.length - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /**
     * Classifies {@code icmp} against the request ({@code id}, {@code sequence}, {@code size}); an
     * {@code id} of -1 accepts any identifier (a ping socket's kernel already matched it). A reply to
     * this request whose length or payload differs is {@link Match#CORRUPT}, as in iPXE; one with a bad
     * checksum is {@link Match#OTHER}.
     */
    static Match match(byte[] icmp, int id, int sequence, int size) {
        return match(icmp, id, sequence, size, false);
    }

    /**
     * As above for an ICMPv6 echo reply (type 129) when {@code ipv6}: the kernel has verified its
     * checksum already (it needs the pseudo-header).
     */
    static Match match(byte[] icmp, int id, int sequence, int size, boolean ipv6) {
        // a damaged message is dropped, as iPXE's icmp_rx does
        int replyType = ipv6 ? ECHO_REPLY_V6 : ECHO_REPLY;
        if (icmp.length < HEADER || (icmp[0] & 0xff) != replyType || icmp[1] != 0 || (!ipv6 && checksum(icmp) != 0)) {
            return Match.OTHER;
        }
        int replyId = ((icmp[4] & 0xff) << 8) | (icmp[5] & 0xff);
        int replySequence = ((icmp[6] & 0xff) << 8) | (icmp[7] & 0xff);
        if ((id >= 0 && replyId != id) || replySequence != sequence) {
            return Match.OTHER;
        }
        if (icmp.length != HEADER + size) {
            return Match.CORRUPT;
        }
        for (int i = 0; i < size; i++) {
            if (icmp[HEADER + i] != (byte) i) {
                return Match.CORRUPT;
            }
        }
        return Match.REPLY;
    }
}
