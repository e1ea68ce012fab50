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

/** xz-compressed images: see {@link ArchiveImageType}. */
@Component(service = ImageType.class, reference = {
        @Reference(name = "store", service = ImageStore.class),
        @Reference(name = "manager", service = ImageManager.class)})
@JpxeImageType("xz")
public final class XzImageType extends ArchiveImageType {

    @Activate
    public XzImageType(ComponentContext context) {
        super(ArchiveFormat.XZ, context);
    }

    /** For use outside OSGi (tests). */
    public XzImageType(Supplier<ImageStore> store, Supplier<ImageManager> manager) {
        super(ArchiveFormat.XZ, store, manager);
    }
}
