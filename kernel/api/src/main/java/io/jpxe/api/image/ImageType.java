package io.jpxe.api.image;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;

/**
 * One image format (iPXE's {@code __image_type}): recognises images and runs them. Registered with
 * {@link JpxeImageType}; probed in descending {@code service.ranking} order when an image is
 * registered; the first that accepts it gives the image its type.
 *
 * <p>Called on script threads; must be thread-safe.
 */
@ConsumerType
public interface ImageType {

    /** The type's name, equal to its {@link JpxeImageType}. */
    String name();

    /**
     * Whether {@code image} is of this type. Must only read the image and never fail for
     * malformed input: a truncated or corrupt image is simply "not this type".
     */
    boolean probe(Image image) throws IOException;

    /** Whether images of this type can be {@code kernel}-selected and {@code boot}ed. */
    default boolean isExecutable() {
        return true;
    }

    /**
     * Runs the image: a script is executed, a kernel is booted through the image manager's boot
     * executor, together with the other registered images it needs (initrds).
     *
     * @param image   the image (already probed as this type)
     * @param context the invoking command's context (console, script control)
     * @throws JpxeException {@code ENOEXEC} if it cannot run here, or whatever the run failed with
     */
    void execute(Image image, CommandContext context) throws JpxeException;
}
