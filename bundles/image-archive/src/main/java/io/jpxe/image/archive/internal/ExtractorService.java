package io.jpxe.image.archive.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageStore;
import io.jpxe.image.archive.ImageExtractor;

/** The {@link ImageExtractor} service ({@code imgextract} uses it): an {@link Extractor} over the image store. */
@Component(service = ImageExtractor.class)
public final class ExtractorService implements ImageExtractor {
    private final Extractor extractor;

    @Activate
    public ExtractorService(@Reference(name = "store") ImageStore store) {
        this.extractor = new Extractor(() -> store);
    }

    @Override
    public Optional<String> format(Image image) {
        return extractor.format(image);
    }

    @Override
    public Image extract(Image archive, String name) throws JpxeException {
        return extractor.extract(archive, name);
    }
}
