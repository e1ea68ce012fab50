package io.jpxe.commands.ntp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

class NtpPacketTest {
    /** 2024-01-14T19:52:06.500Z, the NTP timestamp e94eb9e6.80000000. */
    private static final long MILLIS = 1_705_261_926_500L;

    @Test
    void requestIsVersion4ClientModeWithOurTransmitTime() {
        byte[] request = NtpPacket.request(MILLIS);
        assertEquals(48, request.length);
        assertEquals("23" + "00".repeat(39) + "e94eb9e680000000", HexFormat.of().formatHex(request));
        assertEquals(MILLIS, NtpPacket.toMillis(NtpPacket.toNtp(MILLIS)));
    }

    /** A stratum-2 server reply built field by field, answering the request with the given origin timestamp. */
    private static byte[] reply(String firstWord, String origin) {
        return HexFormat.of().parseHex(firstWord + "00000000" + "00000001" + "7f000001" + "e94eb9e500000000"
                + origin + "e94eb9e700000000" + "e94eb9e740000000");
    }

    @Test
    void replyGivesTheServerTimesAndTheOffset() throws JpxeException {
        byte[] request = NtpPacket.request(MILLIS);
        NtpPacket.Reply reply = NtpPacket.parse(reply("2402060a", "e94eb9e680000000"), 48, request);
        assertEquals(2, reply.stratum());
        assertEquals(MILLIS + 500, reply.receive());
        assertEquals(MILLIS + 750, reply.transmit());
        assertEquals(625, reply.offsetMillis(MILLIS, MILLIS));
    }

    @Test
    void badRepliesAreProtocolErrors() {
        byte[] request = NtpPacket.request(MILLIS);
        assertEquals(Errno.EPROTO, assertThrows(JpxeException.class,
                () -> NtpPacket.parse(reply("2302060a", "e94eb9e680000000"), 48, request)).errno()); // mode 3
        assertEquals(Errno.EPROTO, assertThrows(JpxeException.class,
                () -> NtpPacket.parse(reply("2400060a", "e94eb9e680000000"), 48, request)).errno()); // KoD
        assertEquals(Errno.EPROTO, assertThrows(JpxeException.class,
                () -> NtpPacket.parse(reply("2402060a", "e94eb9e600000000"), 48, request)).errno()); // not ours
        assertEquals(Errno.EPROTO, assertThrows(JpxeException.class,
                () -> NtpPacket.parse(reply("e402060a", "e94eb9e680000000"), 48, request)).errno()); // unsynced
        assertEquals(Errno.EPROTO, assertThrows(JpxeException.class,
                () -> NtpPacket.parse(new byte[47], 47, request)).errno());
    }

    @Test
    void serverNamesMayCarryAPort() throws JpxeException {
        assertEquals(new InetSocketAddress("127.0.0.1", 123), NtpCommand.address("127.0.0.1"));
        assertEquals(new InetSocketAddress("127.0.0.1", 1123), NtpCommand.address("127.0.0.1:1123"));
        assertEquals(new InetSocketAddress("::1", 1123), NtpCommand.address("[::1]:1123"));
        assertEquals(Errno.EINVAL, assertThrows(JpxeException.class, () -> NtpCommand.address("127.0.0.1:0")).errno());
    }
}
