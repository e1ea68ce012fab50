package io.jpxe.commands.net.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandSyntaxException;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.testkit.RecordingContext;

class PingCommandTest {
    private final PingCommand ping = new PingCommand(null);
    private final RecordingContext context = new RecordingContext();

    private PingCommand.Request request(String... argv) throws JpxeException {
        ParsedCommand parsed = ping.syntax().parse(List.of(argv));
        return PingCommand.request(parsed);
    }

    @Test
    void defaultsAreIpxes() throws Exception {
        assertEquals(new PingCommand.Request("10.0.0.1", 64, Duration.ofSeconds(1), 0, false),
                request("ping", "10.0.0.1"));
    }

    @Test
    void longAndShortOptionsAreParsed() throws Exception {
        PingCommand.Request expected = new PingCommand.Request("boot.example", 1400, Duration.ofMillis(250), 3, true);
        assertEquals(expected, request("ping", "--size", "1400", "--timeout", "250", "--count", "3", "--quiet",
                "boot.example"));
        assertEquals(expected, request("ping", "-s", "1400", "-t", "250", "-c", "3", "-q", "boot.example"));
    }

    @Test
    void badValuesSayWhatWasWrong() {
        JpxeException size = assertThrows(JpxeException.class, () -> request("ping", "-s", "70000", "h"));
        assertEquals(Errno.EINVAL, size.errno());
        assertEquals("\"70000\": invalid size: Invalid argument", size.describe());
        assertEquals(Errno.EINVAL, assertThrows(JpxeException.class,
                () -> request("ping", "-t", "0", "h")).errno());
        assertEquals(Errno.EINVAL, assertThrows(JpxeException.class,
                () -> request("ping", "-c", "-1", "h")).errno());
        assertEquals(Errno.EINVAL, assertThrows(JpxeException.class,
                () -> request("ping", "-c", "many", "h")).errno());
    }

    @Test
    void exactlyOneHostIsRequired() {
        assertThrows(CommandSyntaxException.class, () -> ping.syntax().parse(List.of("ping")));
        assertThrows(CommandSyntaxException.class, () -> ping.syntax().parse(List.of("ping", "a", "b")));
    }

    @Test
    void echoRequestIsAGoldenPacket() {
        // type 8, code 0, checksum 0xe3c6 (worked by hand), id 0x1234, seq 1, payload 00 01 02 03
        assertArrayEquals(HexFormat.of().parseHex("0800e3c612340001" + "00010203"), Pinger.echoRequest(0x1234, 1, 4));
    }

    @Test
    void checksumOfAPacketWithItsChecksumIsZero() {
        for (int size : new int[] {0, 1, 63, 64, 1473}) {
            assertEquals(0, Pinger.checksum(Pinger.echoRequest(0xbeef, 0xfffe, size)), "size " + size);
        }
    }

    /** The reply a peer sends: the request with type 0 and the checksum redone. */
    private static byte[] reply(int id, int sequence, int size) {
        byte[] packet = Pinger.echoRequest(id, sequence, size);
        packet[0] = Pinger.ECHO_REPLY;
        packet[2] = 0;
        packet[3] = 0;
        int sum = Pinger.checksum(packet);
        packet[2] = (byte) (sum >> 8);
        packet[3] = (byte) sum;
        return packet;
    }

    @Test
    void repliesAreMatchedByIdentifierAndSequence() {
        assertEquals(Pinger.Match.REPLY, Pinger.match(reply(7, 3, 64), 7, 3, 64));
        assertEquals(Pinger.Match.OTHER, Pinger.match(reply(8, 3, 64), 7, 3, 64), "another pinger's reply");
        assertEquals(Pinger.Match.OTHER, Pinger.match(reply(7, 2, 64), 7, 3, 64), "a stale reply");
        assertEquals(Pinger.Match.REPLY, Pinger.match(reply(99, 3, 64), -1, 3, 64), "ping socket: kernel matched id");
        assertEquals(Pinger.Match.OTHER, Pinger.match(Pinger.echoRequest(7, 3, 64), 7, 3, 64), "our own request");
        assertEquals(Pinger.Match.OTHER, Pinger.match(new byte[4], 7, 3, 64), "truncated");
    }

    @Test
    void damagedRepliesAreDroppedAndWrongPayloadIsAProtocolError() {
        byte[] damaged = reply(7, 3, 64);
        damaged[20] ^= 1;
        assertEquals(Pinger.Match.OTHER, Pinger.match(damaged, 7, 3, 64), "bad checksum");
        assertEquals(Pinger.Match.CORRUPT, Pinger.match(reply(7, 3, 32), 7, 3, 64), "wrong length");
        byte[] otherPayload = reply(7, 3, 2);
        otherPayload[8] = 9;
        otherPayload[9] = 0;
        otherPayload[2] = 0;
        otherPayload[3] = 0;
        int sum = Pinger.checksum(otherPayload);
        otherPayload[2] = (byte) (sum >> 8);
        otherPayload[3] = (byte) sum;
        assertEquals(Pinger.Match.CORRUPT, Pinger.match(otherPayload, 7, 3, 2), "wrong payload");
    }

    private static void assumeIcmpSocket() {
        try (IcmpSocket socket = IcmpSocket.open(100)) {
            assertTrue(socket != null);
        } catch (IOException e) {
            assumeTrue(false, "no ICMP socket on this machine (ping_group_range excludes us, no CAP_NET_RAW): "
                    + e.getMessage());
        }
    }

    @Test
    void pingsLoopbackAsIpxePrints() throws Exception {
        assumeIcmpSocket();
        ping.execute(context, ping.syntax().parse(List.of("ping", "-c", "2", "-t", "300", "127.0.0.1")));
        assertEquals("64 bytes from 127.0.0.1: seq=1\n64 bytes from 127.0.0.1: seq=2\n", context.console().printed());
    }

    @Test
    void quietPrintsNothingAndSizeIsHonoured() throws Exception {
        assumeIcmpSocket();
        ping.execute(context, ping.syntax().parse(List.of("ping", "-q", "-c", "1", "-s", "1000", "localhost")));
        assertEquals("", context.console().printed());
        ping.execute(context, ping.syntax().parse(List.of("ping", "-c", "1", "-s", "1000", "127.0.0.1")));
        assertEquals("1000 bytes from 127.0.0.1: seq=1\n", context.console().printed());
    }

    @Test
    void ctrlCStopsPinging() {
        assumeIcmpSocket();
        context.cancel();
        JpxeException e = assertThrows(JpxeException.class,
                () -> ping.execute(context, ping.syntax().parse(List.of("ping", "127.0.0.1"))));
        assertEquals(Errno.ECANCELED, e.errno());
        assertFalse(context.console().printed().contains("bytes from"));
    }

    @Test
    void icmpv6EchoLeavesTheChecksumToTheKernelAndMatchesType129() {
        byte[] request = Pinger.echoRequest(0x1234, 1, 4, true);
        assertArrayEquals(HexFormat.of().parseHex("8000000012340001" + "00010203"), request);
        byte[] reply = request.clone();
        reply[0] = (byte) Pinger.ECHO_REPLY_V6;
        assertEquals(Pinger.Match.REPLY, Pinger.match(reply, 0x1234, 1, 4, true));
        assertEquals(Pinger.Match.OTHER, Pinger.match(request, 0x1234, 1, 4, true), "our own request");
        assertEquals(Pinger.Match.OTHER, Pinger.match(reply, 0x1234, 1, 4, false), "not an ICMPv4 reply");
        reply[11] = 9;
        assertEquals(Pinger.Match.CORRUPT, Pinger.match(reply, 0x1234, 1, 4, true));
    }

    @Test
    void ipv6AddressesPrintAsIpxePrintsThem() throws Exception {
        assertEquals("fe80::1", Pinger.text(java.net.InetAddress.getByName("fe80:0:0:0:0:0:0:1")));
        assertEquals("fd00:18::1:0:0:5", Pinger.text(java.net.InetAddress.getByName("fd00:18:0:0:1:0:0:5")));
        assertEquals("2001:db8:0:1:1:1:1:1", Pinger.text(java.net.InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("::1", Pinger.text(java.net.InetAddress.getByName("::1")));
        assertEquals("10.0.0.1", Pinger.text(java.net.InetAddress.getByName("10.0.0.1")));
    }
}
