package io.jpxe.api.console;

/**
 * Progress of one transfer, from {@link Console#progress}. Calls may come from any thread (a
 * Netty event loop included): implementations only record numbers and redraw at a bounded rate.
 */
public interface Progress extends AutoCloseable {

    /** The expected size became known (e.g. from a TFTP {@code tsize} or HTTP Content-Length). */
    void expected(long bytes);

    /** {@code bytes} have been received so far in total. */
    void update(long bytes);

    /** The transfer completed; prints {@code " ok"} (line mode) or a final bar. */
    void done();

    /** The transfer failed with {@code message}; prints it in place of {@code " ok"}. */
    void failed(String message);

    /** Same as {@link #done()} if neither {@code done} nor {@code failed} was called. */
    @Override
    void close();
}
