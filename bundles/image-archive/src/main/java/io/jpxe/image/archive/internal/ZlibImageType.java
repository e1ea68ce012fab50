package io.jpxe.image.archive.internal;

import java.util.function.Supplier;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.image.ImageManager;
import io.jpxe.api.image.ImageStore;
import io.jpxe.api.image.ImageType;
import io.jpxe.api.image.JpxeImageType;

/**
 * zlib-compressed images: see {@link ArchiveImageType}. Its header is only two bytes with a checksum,
 * so it is probed after the types with longer signatures ({@code service.ranking} -10).
 */
@Component(service = ImageType.class, reference = {
        @Reference(name = "store", service = ImageStore.class),
        @Reference(name = "manager", service = ImageManager.class)},
        property = "service.ranking:Integer=-10")
@JpxeImageType("zlib")
public final class ZlibImageType extends ArchiveImageType {

    @Activate
    public ZlibImageType(ComponentContext context) {
        super(ArchiveFormat.ZLIB, context);
    }

    /** For use outside OSGi (tests). */
    public ZlibImageType(Supplier<ImageStore> store, Supplier<ImageManager> manager) {
        super(ArchiveFormat.ZLIB, store, manager);
    }
}
