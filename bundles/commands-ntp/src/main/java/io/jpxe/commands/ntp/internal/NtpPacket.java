package io.jpxe.commands.ntp.internal;

import java.nio.ByteBuffer;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * The 48-byte NTP packet (RFC 5905 §7.3) as an SNTP client uses it (RFC 4330): a mode-3 request
 * carrying our transmit time, and the checks and timestamps of a mode-4 reply. Timestamps are
 * milliseconds since the Unix epoch here, 64-bit NTP era-0 fixed point on the wire. Stateless.
 */
final class NtpPacket {
    static final int LENGTH = 48;
    /** Seconds from 1900-01-01 (NTP) to 1970-01-01 (Unix). */
    static final long EPOCH_OFFSET = 2_208_988_800L;
    private static final int VERSION = 4;
    private static final int MODE_CLIENT = 3;
    private static final int MODE_SERVER = 4;

    private NtpPacket() {
    }

    /** A client request whose transmit timestamp is {@code nowMillis}. */
    static byte[] request(long nowMillis) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(0, (byte) (VERSION << 3 | MODE_CLIENT));
        b.putLong(40, toNtp(nowMillis));
        return b.array();
    }

    static long toNtp(long unixMillis) {
        long seconds = Math.floorDiv(unixMillis, 1000L) + EPOCH_OFFSET;
        long fraction = (Math.floorMod(unixMillis, 1000L) << 32) / 1000;
        return seconds << 32 | fraction;
    }

    static long toMillis(long ntp) {
        long seconds = (ntp >>> 32) - EPOCH_OFFSET;
        long fraction = ((ntp & 0xFFFF_FFFFL) * 1000) >>> 32;
        return seconds * 1000 + fraction;
    }

    /**
     * Checks a reply to {@code request} and returns its receive and transmit times.
     *
     * @throws JpxeException {@code EPROTO} for anything that is not a valid answer to our request
     */
    static Reply parse(byte[] reply, int length, byte[] request) throws JpxeException {
        if (length < LENGTH) {
            throw new JpxeException(Errno.EPROTO, "NTP reply of " + length + " bytes (need " + LENGTH + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(reply, 0, length);
        int mode = b.get(0) & 0x7;
        int leap = (b.get(0) & 0xff) >>> 6;
        int stratum = b.get(1) & 0xff;
        if (mode != MODE_SERVER) {
            throw new JpxeException(Errno.EPROTO, "NTP reply has mode " + mode + ", not 4 (server)");
        }
        if (stratum == 0) {
            String code = new String(reply, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
            throw new JpxeException(Errno.EPROTO, "NTP server sent kiss-o'-death \"" + code + "\"");
        }
        if (leap == 3) {
            throw new JpxeException(Errno.EPROTO, "NTP server is not synchronised (leap indicator 3)");
        }
        if (b.getLong(24) != ByteBuffer.wrap(request).getLong(40)) {
            throw new JpxeException(Errno.EPROTO, "NTP reply does not answer our request (origin timestamp differs)");
        }
        long transmit = b.getLong(40);
        if (transmit == 0) {
            throw new JpxeException(Errno.EPROTO, "NTP reply has no transmit timestamp");
        }
        return new Reply(stratum, toMillis(b.getLong(32)), toMillis(transmit));
    }

    /**
     * @param stratum   the server's stratum (1 = primary)
     * @param receive   when the server received the request (Unix ms)
     * @param transmit  when the server sent the reply (Unix ms)
     */
    record Reply(int stratum, long receive, long transmit) {
        /** The clock offset (RFC 4330): how far the server's clock is ahead of ours. */
        long offsetMillis(long sentMillis, long receivedMillis) {
            return ((receive - sentMillis) + (transmit - receivedMillis)) / 2;
        }
    }
}
