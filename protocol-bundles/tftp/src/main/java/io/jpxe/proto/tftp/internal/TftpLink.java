package io.jpxe.proto.tftp.internal;

import java.net.InetSocketAddress;

/**
 * What a {@link TftpReadSession} needs from the socket under it: sending, a clock, one
 * retransmission alarm, and closing. The link calls the session back ({@code receive},
 * {@code onTimeout}, {@code linkClosed}) on the one thread the session runs on.
 */
interface TftpLink {

    /** Sends {@code packet} to {@code to}; a failure is kept for {@link #lastSendFailure()}. */
    void send(TftpPacket packet, InetSocketAddress to);

    /** Monotonic time in nanoseconds. */
    long nanoTime();

    /** Calls the session's {@code onTimeout} {@code delayNanos} from now, unless re-armed or disarmed before. */
    void arm(long delayNanos);

    /** No timeout until armed again. */
    void disarm();

    /** Closes the socket once what was sent is out; nothing is received afterwards. Idempotent. */
    void close();

    /** Why the latest send failed, or {@code null} if it did not. */
    Throwable lastSendFailure();
}
