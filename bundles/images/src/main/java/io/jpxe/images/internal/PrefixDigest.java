package io.jpxe.images.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of an image computed while it is written: the digest covers the prefix
 * {@code [0, hashed)} and is extended by every write that starts inside or at the end of it, so a
 * sequential download (HTTP, FTP, unicast TFTP) is hashed on the fly and never read back. Writes
 * beyond the prefix (TFTP multicast, Range resume) are read back at {@link #finish}; a write that
 * changes already hashed bytes restarts the digest, so the result always equals SHA-256 of the
 * final content.
 *
 * <p>Not thread-safe: {@link StoreWriter} calls it under its own lock. Costs on the writing thread
 * are one {@link MessageDigest#update} per write, plus a bounded read-back when a write overlaps
 * the hashed prefix (a retransmission).
 */
final class PrefixDigest {
    private static final int CHUNK = 64 * 1024;
    /** Overlaps longer than this are not compared on the writer's thread: the digest restarts. */
    private static final long MAX_COMPARED_OVERLAP = 1024 * 1024;

    private final MessageDigest digest = newSha256();
    /** The digest covers exactly the bytes [0, hashed) of the backing. */
    private long hashed;

    /** Bytes already in the digest; the rest is read back by {@link #finish}. */
    long hashed() {
        return hashed;
    }

    /**
     * Called before {@code data} is written at {@code position}: if the write overlaps the hashed
     * prefix with different bytes (or too many to compare cheaply), the digest starts over.
     *
     * @param data the bytes about to be written; its position is not changed
     */
    void beforeWrite(long position, ByteBuffer data, FileChannel channel) throws IOException {
        if (position >= hashed || !data.hasRemaining()) {
            return;
        }
        long overlap = Math.min(position + data.remaining(), hashed) - position;
        if (overlap > MAX_COMPARED_OVERLAP || !matchesStored(position, data, (int) overlap, channel)) {
            digest.reset();
            hashed = 0;
        }
    }

    /**
     * Called after {@code data} was written at {@code position}: extends the digest with the bytes
     * past the prefix when the write touches its end.
     *
     * @param data the bytes that were written; its position is not changed
     */
    void afterWrite(long position, ByteBuffer data) {
        long end = position + data.remaining();
        if (position > hashed || end <= hashed) {
            return; // beyond the prefix (left for finish) or entirely inside it (already hashed)
        }
        ByteBuffer fresh = data.duplicate();
        fresh.position(fresh.position() + (int) (hashed - position));
        digest.update(fresh);
        hashed = end;
    }

    /** Reads back {@code [hashed, size)} into the digest and returns it as lowercase hex. */
    String finish(long size, FileChannel channel) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        long position = hashed;
        while (position < size) {
            chunk.clear().limit((int) Math.min(CHUNK, size - position));
            int n = channel.read(chunk, position);
            if (n < 0) {
                throw new IOException("image ends at " + position + " of " + size + " bytes");
            }
            chunk.flip();
            digest.update(chunk);
            position += n;
        }
        hashed = position;
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean matchesStored(long position, ByteBuffer data, int length, FileChannel channel)
            throws IOException {
        ByteBuffer stored = ByteBuffer.allocate(Math.min(length, CHUNK));
        int compared = 0;
        while (compared < length) {
            stored.clear().limit(Math.min(length - compared, stored.capacity()));
            while (stored.hasRemaining()) {
                if (channel.read(stored, position + compared + stored.position()) < 0) {
                    return false;
                }
            }
            stored.flip();
            ByteBuffer incoming = data.duplicate();
            incoming.position(incoming.position() + compared).limit(incoming.position() + stored.remaining());
            if (!stored.equals(incoming)) {
                return false;
            }
            compared += stored.remaining();
        }
        return true;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
