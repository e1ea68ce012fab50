package io.jpxe.api.image;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.jpxe.api.JpxeException;

/**
 * The registered images, in registration order. Bytes live in memfds (or temporary files where
 * memfd is unavailable), never in one heap array per image. Thread-safe.
 */
@ProviderType
public interface ImageStore {

    /**
     * Starts a new image. It becomes visible only when the writer is committed.
     *
     * @param name the image name; an existing image with this name is replaced on commit, as in iPXE
     * @param uri  where it comes from, or {@code null}
     * @throws JpxeException {@code ENOSPC}/{@code EIO} if no backing storage can be created
     */
    ImageWriter create(String name, URI uri) throws JpxeException;

    /** A snapshot of the registered images. */
    List<Image> images();

    /** The image called {@code name}. */
    Optional<Image> find(String name);

    /** Unregisters the image and releases its bytes. Unknown images are ignored. */
    void unregister(Image image);

    /** Registers an image that was unregistered while it ran (iPXE re-registers a finished script). */
    void reregister(Image image);
}
