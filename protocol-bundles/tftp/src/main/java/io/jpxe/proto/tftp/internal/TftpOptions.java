package io.jpxe.proto.tftp.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of a read request and the check of the server's answer: RFC 2347 (negotiation),
 * RFC 2348 ({@code blksize}) and RFC 2349 ({@code tsize}). We ask for {@code blksize} and
 * {@code tsize=0}; the server may acknowledge any subset, and a {@code blksize} no larger than ours.
 */
final class TftpOptions {

    static final int DEFAULT_BLKSIZE = 512;
    static final int MIN_BLKSIZE = 8;
    static final int MAX_BLKSIZE = 65464;
    /** iPXE's {@code TFTP_MAX_BLKSIZE}: fits an Ethernet frame with IPv4 and UDP headers. */
    static final int IPXE_BLKSIZE = 1432;

    private static final String BLKSIZE = "blksize";
    private static final String TSIZE = "tsize";

    /** What was agreed: the block size and the file size ({@code -1} when the server did not say). */
    record Negotiated(int blksize, long tsize) {
        /** A server that ignores options (answers the RRQ with DATA 1). */
        static final Negotiated NONE = new Negotiated(DEFAULT_BLKSIZE, -1);
    }

    /** The server acknowledged options we cannot accept; the message says which and why. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private final int requestedBlksize;

    /**
     * @throws IllegalArgumentException if {@code requestedBlksize} is outside 8..65464
     */
    TftpOptions(int requestedBlksize) {
        if (requestedBlksize < MIN_BLKSIZE || requestedBlksize > MAX_BLKSIZE) {
            throw new IllegalArgumentException("TFTP blksize " + requestedBlksize + " is outside "
                    + MIN_BLKSIZE + ".." + MAX_BLKSIZE + " (RFC 2348)");
        }
        this.requestedBlksize = requestedBlksize;
    }

    int requestedBlksize() {
        return requestedBlksize;
    }

    /** The options of the RRQ, in iPXE's order. */
    Map<String, String> request() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(BLKSIZE, Integer.toString(requestedBlksize));
        options.put(TSIZE, "0");
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
                default -> throw new Rejected("option " + option.getKey() + " was not requested");
            }
        }
        return new Negotiated(blksize, tsize);
    }

    private static long parse(String name, String value) throws Rejected {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Rejected(name + " \"" + value + "\" is not a non-negative number");
        }
        return Long.parseLong(value);
    }
}
