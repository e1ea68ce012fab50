package io.jpxe.images.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of an image computed while it is written, on a thread of its own: the writer (the
 * opener's I/O thread) only records how far the image is written in order, the {@code [0, prefix)}
 * that grows with every write starting inside or at its end; a hashing thread reads that prefix
 * back from the backing (memory, for a memfd) and digests it meanwhile. Receiving and hashing thus
 * overlap instead of adding up: on a LAN, SHA-256 (~1 GB/s) is as fast as the network, and hashing
 * on the I/O thread halved the download rate.
 *
 * <p>Writes beyond the prefix (TFTP multicast, Range resume) are hashed at {@link #finish}, once
 * the whole image is there. A write that changes bytes inside the prefix, which the thread may have
 * read already, makes it start over, so the result always equals SHA-256 of the final content.
 *
 * <p>Thread-safety: {@link #beforeWrite}, {@link #afterWrite}, {@link #finish} and {@link #close}
 * are called by {@link StoreWriter} under its own lock; they coordinate with the hashing thread
 * through this object's monitor.
 */
final class PrefixDigest {
    private static final int CHUNK = 256 * 1024;
    /**
     * The sleeping thread is woken once this much is waiting: waking it for every write (a TLS
     * record is 16 KiB) would cost a context switch per write.
     */
    private static final long WAKE_AFTER = 1024 * 1024;
    /** Overlaps longer than this are not compared on the writer's thread: the digest restarts. */
    private static final long MAX_COMPARED_OVERLAP = 1024 * 1024;

    private final MessageDigest digest = newSha256();
    private FileChannel channel;
    private Thread hasher;
    /** Bytes {@code [0, prefix)} are written; the thread may hash them. Written under this. */
    private volatile long prefix;
    /** The thread waits for more prefix: only then does a write need to wake it. Guarded by this. */
    private boolean idle;
    /** The digest covers {@code [0, hashed)} of the backing. Guarded by this. */
    private long hashed;
    /** Bytes the thread may have read changed: it must start over. Guarded by this. */
    private boolean restart;
    private boolean closed;
    private int restarts;
    private IOException failure;
    /** Set between {@link #beforeWrite} and {@link #afterWrite}: the write changes hashed-over bytes. */
    private boolean changesPrefix;

    /** How far the image is written in order (what the thread may hash). */
    long prefix() {
        return prefix;
    }

    /** How often the digest started over (a write changed bytes already written in order). */
    synchronized int restarts() {
        return restarts;
    }

    /**
     * Called before {@code data} is written at {@code position}: notes whether the write changes
     * bytes inside the prefix (compared with what is stored, or too many to compare cheaply).
     *
     * @param data the bytes about to be written; its position is not changed
     */
    void beforeWrite(long position, ByteBuffer data, FileChannel channel) throws IOException {
        long known = prefix();
        changesPrefix = false;
        if (position >= known || !data.hasRemaining()) {
            return;
        }
        long overlap = Math.min(position + data.remaining(), known) - position;
        changesPrefix = overlap > MAX_COMPARED_OVERLAP || !matchesStored(position, data, (int) overlap, channel);
    }

    /**
     * Called after {@code data} was written at {@code position} to {@code channel}: extends the
     * prefix when the write touches its end, and wakes the hashing thread (started at the first
     * write).
     */
    void afterWrite(long position, ByteBuffer data, FileChannel channel) {
        long end = position + data.remaining();
        if (!changesPrefix && hasher != null && (position > prefix || end <= prefix)) {
            return; // beyond the prefix or inside it, unchanged: nothing for the thread (no lock taken)
        }
        extend(position, end, channel);
    }

    private synchronized void extend(long position, long end, FileChannel channel) {
        if (changesPrefix) {
            // Only now: had the thread started over before the new bytes were stored, it could
            // have read the old ones again.
            restart = true;
            restarts++;
            changesPrefix = false;
        }
        if (position <= prefix && end > prefix) {
            prefix = end;
        }
        if (hasher == null && !closed) {
            this.channel = channel;
            hasher = Thread.ofPlatform().daemon().name("jpxe-image-sha256").start(this::hashPrefix);
        }
        if (idle && (restart || prefix - hashed >= WAKE_AFTER)) {
            notifyAll(); // a wake-up costs a system call and a context switch: only for a batch
        }
    }

    /**
     * Hashes what is left ({@code [hashed, size)}, everything written out of order included) once the
     * image is complete, and returns the digest as lowercase hex.
     */
    String finish(long size, FileChannel channel) throws IOException {
        synchronized (this) {
            this.channel = channel;
            prefix = Math.max(prefix, size); // nothing is written any more: all of it may be read
            closed = true;
            notifyAll();
        }
        Thread thread = hasherThread();
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while hashing the image", e);
            }
        } else {
            hashPrefix(); // nothing was written through afterWrite: hash here
        }
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            if (hashed != size) {
                throw new IOException("image hashed to " + hashed + " of " + size + " bytes");
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** Stops the thread without a result (the image was aborted). */
    synchronized void close() {
        closed = true;
        prefix = hashed;
        notifyAll();
    }

    private synchronized Thread hasherThread() {
        return hasher;
    }

    /** The thread's loop: digest the prefix as it grows, until closed and caught up. */
    private void hashPrefix() {
        byte[] chunk = new byte[CHUNK];
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        try {
            while (true) {
                long from;
                int length;
                FileChannel source;
                synchronized (this) {
                    while (!restart && hashed >= prefix && !closed) {
                        idle = true;
                        wait();
                        idle = false;
                    }
                    if (restart) {
                        restart = false;
                        digest.reset();
                        hashed = 0;
                    }
                    if (hashed >= prefix) {
                        return; // closed and caught up
                    }
                    from = hashed;
                    length = (int) Math.min(CHUNK, prefix - hashed);
                    source = channel;
                }
                buffer.clear().limit(length);
                while (buffer.hasRemaining()) {
                    if (source.read(buffer, from + buffer.position()) < 0) {
                        throw new IOException("image ends at " + (from + buffer.position()) + " of "
                                + (from + length) + " bytes");
                    }
                }
                digest.update(chunk, 0, length);
                synchronized (this) {
                    if (!restart) {
                        hashed = from + length;
                    }
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                failure = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean matchesStored(long position, ByteBuffer data, int length, FileChannel channel)
            throws IOException {
        ByteBuffer stored = ByteBuffer.allocate(Math.min(length, 64 * 1024));
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
