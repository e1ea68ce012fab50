package io.jpxe.images.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.console.Progress;
import io.jpxe.api.image.FetchOptions;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageWriter;
import io.jpxe.api.uri.DataSink;
import io.jpxe.api.uri.Transfer;
import io.jpxe.api.uri.UriOpener;

/**
 * One download (iPXE's {@code imgdownload} + {@code monojob_wait}): streams the opener's bytes into an
 * {@link ImageWriter}, reports progress, and waits on the script thread, polling for Ctrl-C and for
 * the idle timeout, which restarts whenever data arrives. Any failure cancels the transfer and
 * aborts the writer, so no image is registered.
 *
 * <p>{@link DataSink} methods run on the opener's I/O thread; {@link #run} on the script thread.
 */
final class Download implements DataSink {
    /** How often the waiting script thread looks at Ctrl-C and the idle timer. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final URI uri;
    private final String label;
    private final ImageWriter writer;
    private final Progress progress;
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());

    /**
     * @param label    the URI as shown to the user (password removed)
     * @param progress where progress goes, or {@code null} for a quiet download
     */
    Download(URI uri, String label, ImageWriter writer, Progress progress) {
        this.uri = uri;
        this.label = label;
        this.writer = writer;
        this.progress = progress;
    }

    @Override
    public void expectedSize(long bytes) {
        lastActivity.set(System.nanoTime());
        if (progress != null) {
            progress.expected(bytes);
        }
    }

    @Override
    public void write(long position, ByteBuffer data) throws IOException {
        writer.write(position, data);
        lastActivity.set(System.nanoTime());
        if (progress != null) {
            progress.update(writer.size());
        }
    }

    /**
     * Runs the download to its end.
     *
     * @return the registered image, with {@code options.commandLine()} set
     * @throws JpxeException {@code "Could not download <uri>: ..."} with the opener's errno,
     *                       {@code ETIMEDOUT} when idle too long, {@code ECANCELED} on Ctrl-C
     */
    Image run(UriOpener opener, FetchOptions options, CommandContext context) throws JpxeException {
        Transfer transfer = null;
        try {
            transfer = opener.open(uri, this);
            await(transfer, options.idleTimeout(), context);
        } catch (JpxeException e) {
            throw fail(transfer, e);
        } catch (RuntimeException e) {
            throw fail(transfer, new JpxeException(Errno.EIO, "opener failed: " + e, e));
        }
        try {
            Image image = writer.commit();
            image.commandLine(options.commandLine() == null ? "" : options.commandLine());
            if (progress != null) {
                progress.done();
            }
            return image;
        } catch (JpxeException | RuntimeException e) {
            writer.abort();
            if (progress != null) {
                progress.failed(e instanceof JpxeException j ? j.errno().message() : e.toString());
            }
            throw e;
        }
    }

    private void await(Transfer transfer, Duration idleTimeout, CommandContext context) throws JpxeException {
        CompletableFuture<Long> completion = transfer.completion().toCompletableFuture();
        long idleNanos = idleTimeout == null || idleTimeout.isNegative() ? 0 : idleTimeout.toNanos();
        while (true) {
            try {
                completion.get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                context.checkCancelled();
                if (idleNanos > 0 && System.nanoTime() - lastActivity.get() > idleNanos) {
                    throw new JpxeException(Errno.ETIMEDOUT,
                            "no data received for " + idleTimeout.toMillis() + " ms");
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof JpxeException j) {
                    throw j;
                }
                throw new JpxeException(Errno.EIO, String.valueOf(cause), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JpxeException(Errno.ECANCELED, "interrupted");
            }
        }
    }

    private JpxeException fail(Transfer transfer, JpxeException reason) {
        if (transfer != null) {
            transfer.cancel(reason);
        }
        writer.abort();
        if (progress != null) {
            progress.failed(reason.errno().message());
        }
        String detail = reason.getMessage() == null ? "" : reason.getMessage();
        for (String prefix : new String[] {uri + ": ", label + ": "}) {
            if (detail.startsWith(prefix)) {
                detail = detail.substring(prefix.length());
            }
        }
        String message = "Could not download " + label + (detail.isEmpty() ? "" : ": " + detail);
        return new JpxeException(reason.errno(), message, reason);
    }
}
