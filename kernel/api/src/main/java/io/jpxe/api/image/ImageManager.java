package io.jpxe.api.image;

import java.net.URI;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.command.CommandContext;

/**
 * Image management as iPXE's {@code usr/imgmgmt.c} does it: resolving URIs against the current
 * working URI, downloading through the {@link io.jpxe.api.uri.UriOpener} for the scheme with
 * progress and an idle timeout, executing images, and handing boot plans to the chosen executor.
 *
 * <p>Blocking; call from script threads only. Thread-safe.
 */
@ProviderType
public interface ImageManager {

    /**
     * Resolves {@code uriText} against the current working URI (RFC 3986), expanding nothing.
     *
     * @throws JpxeException {@code EINVAL} if the text is not a URI
     */
    URI resolve(String uriText) throws JpxeException;

    /** The current working URI ({@code ${cwuri}}), or empty before anything was fetched. */
    Optional<URI> workingUri();

    /** Sets the current working URI (the image manager does it when running an image). */
    void workingUri(URI uri);

    /**
     * Downloads {@code uri} into a new registered image.
     *
     * @throws JpxeException {@code ENOTSUP} for an unknown scheme, the opener's error otherwise; no
     *                       image is registered on failure
     */
    Image fetch(URI uri, FetchOptions options, CommandContext context) throws JpxeException;

    /**
     * An image by name if one is registered, else the result of fetching {@code nameOrUri}
     * (iPXE's {@code imgacquire}).
     */
    Image acquire(String nameOrUri, FetchOptions options, CommandContext context) throws JpxeException;

    /**
     * Executes {@code image} through its type, with {@code ${cwuri}} set to the image's URI meanwhile.
     *
     * @throws JpxeException {@code ENOEXEC} if no type can run it
     */
    void execute(Image image, CommandContext context) throws JpxeException;

    /** The image selected for {@code boot}, if any. */
    Optional<Image> selected();

    /** Selects {@code image} for {@code boot} (clears the flag elsewhere). */
    void select(Image image);

    /**
     * Hands a boot plan to the configured executor ({@code --boot=plan|qemu|kexec}).
     *
     * @return how it ended: {@link io.jpxe.api.boot.BootExecutor.Outcome#HANDED_OVER} means
     *         nothing more of the script may run
     * @throws JpxeException {@code ENOTSUP} if the configured executor is absent, or its failure
     */
    io.jpxe.api.boot.BootExecutor.Outcome boot(BootPlan plan, CommandContext context) throws JpxeException;
}
