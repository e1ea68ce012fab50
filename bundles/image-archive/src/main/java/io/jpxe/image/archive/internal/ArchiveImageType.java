package io.jpxe.image.archive.internal;

import java.util.function.Supplier;

import org.osgi.service.component.ComponentContext;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.image.ImageStore;
import io.jpxe.api.image.ImageType;

/**
 * A compressed image as an image type (iPXE's {@code image_extract_exec}): recognised by its format's
 * header, and executed by extracting it into a new image, named after the archive without its last
 * extension, with the archive's command line and the {@code AUTOFREE} flag, which the image manager
 * then executes in its place. So {@code chain http://x/vmlinuz.xz} and {@code kernel x.gz} +
 * {@code boot} boot the kernel inside, and a corrupt archive fails naming it, registering nothing.
 *
 * <p>Subclasses only name their format. Thread-safe (stateless apart from its services).
 */
// The store and the manager are looked up only when an archive runs: they themselves track image
// types, and binding them at activation would be a circular reference.
abstract class ArchiveImageType implements ImageType {
    private final ArchiveFormat format;
    private final Extractor extractor;
    private final Supplier<ImageStore> store;
    private final Supplier<ImageManager> manager;

    /** The DS form: services located by the component's reference names {@code store} and {@code manager}. */
    ArchiveImageType(ArchiveFormat format, ComponentContext context) {
        this(format, () -> (ImageStore) context.locateService("store"),
                () -> (ImageManager) context.locateService("manager"));
    }

    /** For use outside OSGi (tests). */
    ArchiveImageType(ArchiveFormat format, Supplier<ImageStore> store, Supplier<ImageManager> manager) {
        this.format = format;
        this.extractor = new Extractor(store);
        this.store = store;
        this.manager = manager;
    }

    @Override
    public final String name() {
        return format.label();
    }

    @Override
    public final boolean probe(Image image) {
        return Extractor.detect(image).filter(format::equals).isPresent();
    }

    @Override
    public final void execute(Image image, CommandContext context) throws JpxeException {
        Image extracted = extractor.extract(image, null);
        extracted.flag(Image.Flag.AUTOFREE, true);
        try {
            manager.get().execute(extracted, context);
        } catch (JpxeException | RuntimeException e) {
            // an image that could not even start (no type) is not freed by its AUTOFREE flag
            store.get().unregister(extracted);
            throw e;
        }
    }
}
