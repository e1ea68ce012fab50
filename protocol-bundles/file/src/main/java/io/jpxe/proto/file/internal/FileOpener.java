package io.jpxe.proto.file.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.jpxe.api.uri.Transfer;
import io.jpxe.api.uri.UriOpener;
import io.jpxe.api.uri.UriScheme;

/**
 * Opens {@code file:} URIs (RFC 8089): a local script or image, read on a virtual thread in 256 KiB
 * chunks so the caller sees the same streaming, progress and cancellation as for network schemes.
 */
@Component(service = UriOpener.class)
@UriScheme("file")
public class FileOpener implements UriOpener {
    private static final int CHUNK = 256 * 1024;

    @Override
    public Transfer open(URI uri, DataSink sink) throws JpxeException {
        Path path;
        try {
            if (uri.getAuthority() != null && !uri.getAuthority().isEmpty() && !uri.getAuthority().equals("localhost")) {
                throw new JpxeException(Errno.EINVAL, uri + ": file URIs of other hosts cannot be opened");
            }
            path = Path.of(new URI("file", null, uri.getPath(), null));
        } catch (IllegalArgumentException | FileSystemNotFoundException | java.net.URISyntaxException e) {
            throw new JpxeException(Errno.EINVAL, uri + ": not a local file URI");
        }
        FileTransfer transfer = new FileTransfer(uri, path, sink);
        Thread.ofVirtual().name("file " + path).start(transfer::run);
        return transfer;
    }

    private static final class FileTransfer implements Transfer {
        private final URI uri;
        private final Path path;
        private final DataSink sink;
        private final CompletableFuture<Long> done = new CompletableFuture<>();

        FileTransfer(URI uri, Path path, DataSink sink) {
            this.uri = uri;
            this.path = path;
            this.sink = sink;
        }

        void run() {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                if (Files.isDirectory(path)) {
                    throw new JpxeException(Errno.ENOTSUP, uri + ": is a directory");
                }
                sink.expectedSize(channel.size());
                ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
                long position = 0;
                while (!done.isDone()) {
                    buffer.clear();
                    int n = channel.read(buffer, position);
                    if (n < 0) {
                        break;
                    }
                    buffer.flip();
                    sink.write(position, buffer);
                    position += n;
                }
                done.complete(position);
            } catch (NoSuchFileException e) {
                done.completeExceptionally(new JpxeException(Errno.ENOENT, uri.toString()));
            } catch (AccessDeniedException e) {
                done.completeExceptionally(new JpxeException(Errno.EACCES, uri.toString()));
            } catch (JpxeException e) {
                done.completeExceptionally(e);
            } catch (IOException e) {
                done.completeExceptionally(new JpxeException(Errno.EIO, uri + ": " + e.getMessage(), e));
            }
        }

        @Override
        public CompletionStage<Long> completion() {
            return done;
        }

        @Override
        public void cancel(JpxeException reason) {
            done.completeExceptionally(reason);
        }
    }
}
