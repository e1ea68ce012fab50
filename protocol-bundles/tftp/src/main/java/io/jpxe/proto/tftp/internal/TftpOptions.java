package io.jpxe.proto.tftp.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of a read request and the check of the server's answer: RFC 2347 (negotiation),
 * RFC 2348 ({@code blksize}), RFC 2349 ({@code tsize}) and RFC 7440 ({@code windowsize}). We ask
 * for {@code blksize}, {@code tsize=0}, unless the window is 1, {@code windowsize}, and, when set,
 * tftpd-hpa's {@code utimeout}; the server may acknowledge any subset, with a {@code blksize} and
 * {@code windowsize} no larger than ours. An option it leaves out falls back to the RFC 1350 value
 * (512 bytes, lock-step); servers that do not know {@code utimeout} ignore it (RFC 2347).
 *
 * <p>Why {@code utimeout}: in lock-step a lost DATA block is resent only when the server's own timer
 * fires (a client's repeated ACK is a duplicate the server must ignore, RFC 1350's Sorcerer's
 * Apprentice rule), and tftpd-hpa's timer is 1 s. Under 10 % loss that second is most of the
 * transfer: 1 MiB took 104 s. A shorter one costs nothing but a duplicate block where the round trip
 * is longer than it.
 */
final class TftpOptions {

    static final int DEFAULT_BLKSIZE = 512;
    static final int MIN_BLKSIZE = 8;
    static final int MAX_BLKSIZE = 65464;
    /** iPXE's {@code TFTP_MAX_BLKSIZE}: fits an Ethernet frame with IPv4 and UDP headers. */
    static final int IPXE_BLKSIZE = 1432;

    static final int MAX_WINDOWSIZE = 65535;
    /** tftpd-hpa's bounds for {@code utimeout} (microseconds). */
    static final int MIN_SERVER_TIMEOUT_MICROS = 10_000;
    static final int MAX_SERVER_TIMEOUT_MICROS = 255_000_000;

    private static final String BLKSIZE = "blksize";
    private static final String TSIZE = "tsize";
    private static final String WINDOWSIZE = "windowsize";
    private static final String UTIMEOUT = "utimeout";

    /**
     * What was agreed: the block size, the file size ({@code -1} when the server did not say) and the
     * number of blocks per acknowledgement (1: lock-step).
     */
    record Negotiated(int blksize, long tsize, int windowsize) {
        /** A server that ignores options (answers the RRQ with DATA 1). */
        static final Negotiated NONE = new Negotiated(DEFAULT_BLKSIZE, -1, 1);
    }

    /** The server acknowledged options we cannot accept; the message says which and why. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private final int requestedBlksize;
    private final int requestedWindowsize;
    /** {@code utimeout} asked for, or 0 for none. */
    private final int requestedServerTimeoutMicros;

    /** Lock-step options: {@code blksize} and {@code tsize} only. */
    TftpOptions(int requestedBlksize) {
        this(requestedBlksize, 1);
    }

    /**
     * @throws IllegalArgumentException if {@code requestedBlksize} is outside 8..65464 or
     *         {@code requestedWindowsize} outside 1..65535
     */
    TftpOptions(int requestedBlksize, int requestedWindowsize) {
        this(requestedBlksize, requestedWindowsize, 0);
    }

    /**
     * @param serverTimeoutMicros the server's retransmission timeout to ask for (tftpd-hpa's
     *                            {@code utimeout}), 10000..255000000, or 0 not to ask
     * @throws IllegalArgumentException if a value is outside its range
     */
    TftpOptions(int requestedBlksize, int requestedWindowsize, long serverTimeoutMicros) {
        if (serverTimeoutMicros != 0
                && (serverTimeoutMicros < MIN_SERVER_TIMEOUT_MICROS || serverTimeoutMicros > MAX_SERVER_TIMEOUT_MICROS)) {
            throw new IllegalArgumentException("TFTP server timeout " + serverTimeoutMicros + " us is outside "
                    + MIN_SERVER_TIMEOUT_MICROS + ".." + MAX_SERVER_TIMEOUT_MICROS + " (tftpd-hpa's utimeout)");
        }
        if (requestedBlksize < MIN_BLKSIZE || requestedBlksize > MAX_BLKSIZE) {
            throw new IllegalArgumentException("TFTP blksize " + requestedBlksize + " is outside "
                    + MIN_BLKSIZE + ".." + MAX_BLKSIZE + " (RFC 2348)");
        }
        if (requestedWindowsize < 1 || requestedWindowsize > MAX_WINDOWSIZE) {
            throw new IllegalArgumentException("TFTP windowsize " + requestedWindowsize + " is outside 1.."
                    + MAX_WINDOWSIZE + " (RFC 7440)");
        }
        this.requestedBlksize = requestedBlksize;
        this.requestedWindowsize = requestedWindowsize;
        this.requestedServerTimeoutMicros = (int) serverTimeoutMicros;
    }

    int requestedBlksize() {
        return requestedBlksize;
    }

    int requestedWindowsize() {
        return requestedWindowsize;
    }

    /** The options of the RRQ, in iPXE's order. */
    Map<String, String> request() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(BLKSIZE, Integer.toString(requestedBlksize));
        options.put(TSIZE, "0");
        if (requestedWindowsize > 1) {
            options.put(WINDOWSIZE, Integer.toString(requestedWindowsize));
        }
        if (requestedServerTimeoutMicros > 0) {
            options.put(UTIMEOUT, Integer.toString(requestedServerTimeoutMicros));
        }
        return options;
    }

    /**
     * Checks an OACK's options (names lower case).
     *
     * @throws Rejected if it holds an option we did not ask for or a value outside what we asked
     */
    Negotiated accept(Map<String, String> acknowledged) throws Rejected {
        int blksize = DEFAULT_BLKSIZE;
        long tsize = -1;
        int windowsize = 1;
        for (Map.Entry<String, String> option : acknowledged.entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case BLKSIZE -> {
                    long n = parse(BLKSIZE, value);
                    if (n < MIN_BLKSIZE || n > requestedBlksize) {
                        throw new Rejected("blksize " + value + " is outside the requested "
                                + MIN_BLKSIZE + ".." + requestedBlksize);
                    }
                    blksize = (int) n;
                }
                case TSIZE -> tsize = parse(TSIZE, value);
                case WINDOWSIZE -> {
                    if (requestedWindowsize == 1) {
                        throw new Rejected("option windowsize was not requested");
                    }
                    long n = parse(WINDOWSIZE, value);
                    if (n < 1 || n > requestedWindowsize) {
                        throw new Rejected("windowsize " + value + " is outside the requested 1.." + requestedWindowsize);
                    }
                    windowsize = (int) n;
                }
                case UTIMEOUT -> {
                    // the server's own timer: nothing for us to use, but only if we asked
                    if (requestedServerTimeoutMicros == 0) {
                        throw new Rejected("option utimeout was not requested");
                    }
                    parse(UTIMEOUT, value);
                }
                default -> throw new Rejected("option " + option.getKey() + " was not requested");
            }
        }
        return new Negotiated(blksize, tsize, windowsize);
    }

    private static long parse(String name, String value) throws Rejected {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Rejected(name + " \"" + value + "\" is not a non-negative number");
        }
        return Long.parseLong(value);
    }
}
