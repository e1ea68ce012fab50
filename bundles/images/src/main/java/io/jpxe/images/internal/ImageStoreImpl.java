package io.jpxe.images.internal;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageStore;
import io.jpxe.api.image.ImageType;
import io.jpxe.api.image.JpxeImageType;
import io.jpxe.api.image.ImageWriter;

/**
 * The registered images, in registration order (iPXE's {@code images} list in {@code core/image.c}).
 * Bytes live in memfds or temporary files ({@link MemoryFiles}); an image becomes visible only when
 * its writer commits, after its SHA-256 was computed and the {@link ImageType} services probed it
 * (highest {@code service.ranking} first; a probe that throws counts as "no"). Registering a name
 * that exists replaces the older image, as iPXE does.
 *
 * <p>Thread-safe.
 */
@Component(service = ImageStore.class)
public final class ImageStoreImpl implements ImageStore {
    private final MemoryFiles files;
    private final RankedServices<ImageType> types = new RankedServices<>();
    private final List<StoredImage> registered = new ArrayList<>(); // guarded by this
    private final AtomicInteger nextIndex = new AtomicInteger();

    /** The DS constructor: memfd where available. */
    public ImageStoreImpl() {
        this(true);
    }

    /**
     * A store outside OSGi (tests).
     *
     * @param useMemfd {@code false} to store images in temporary files even where memfd works
     */
    public ImageStoreImpl(boolean useMemfd) {
        this.files = new MemoryFiles(useMemfd);
    }

    /*
     * Bound as ComponentServiceObjects, each type taken at its first probe (see RankedServices):
     * types such as bzImage need the image manager, which needs this store, so taking them while SCR
     * activates the store could lose a type for good.
     */
    @Reference(name = "type", service = ImageType.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeType")
    void addType(ComponentServiceObjects<ImageType> type, Map<String, Object> properties) {
        types.addLazily(type, properties);
    }

    void removeType(ComponentServiceObjects<ImageType> type) {
        types.remove(type);
    }

    /** Adds an image type outside OSGi (tests). */
    public void bindType(ImageType type, Map<String, Object> properties) {
        types.add(type, properties);
    }

    /** Removes an image type added by {@link #bindType}. */
    public void unbindType(ImageType type) {
        types.remove(type);
    }

    @Deactivate
    void deactivate() {
        List<StoredImage> all;
        synchronized (this) {
            all = new ArrayList<>(registered);
            registered.clear();
        }
        all.forEach(StoredImage::release);
    }

    /** Whether images are held in memfds (else in temporary files). */
    public boolean usesMemfd() {
        return files.usesMemfd();
    }

    @Override
    public ImageWriter create(String name, URI uri) throws JpxeException {
        String label = name != null ? name : uri != null ? defaultName(uri) : "image";
        try {
            return new StoreWriter(this, name, uri, files.create(label.isEmpty() ? "image" : label));
        } catch (IOException e) {
            throw new JpxeException(Errno.ENOSPC, "no storage for image " + label + ": " + e.getMessage(), e);
        }
    }

    /** Called by a committing writer: probes the type and registers the image. */
    StoredImage register(String name, URI uri, long size, Backing backing) {
        String imageName = name;
        if (imageName == null || imageName.isEmpty()) {
            imageName = uri == null ? "" : defaultName(uri);
        }
        if (imageName.isEmpty()) {
            imageName = "img" + nextIndex.getAndIncrement();
        }
        StoredImage image = new StoredImage(imageName, uri, size, backing);
        image.assignType(probe(image));
        add(image);
        return image;
    }

    private String probe(Image image) {
        for (RankedServices.Entry<ImageType> entry : types.ranked()) {
            ImageType type = entry.service();
            if (type == null) {
                continue; // its component could not be activated: it recognises nothing
            }
            try {
                if (type.probe(image)) {
                    List<String> names = entry.names(JpxeImageType.NAMESPACE);
                    return names.isEmpty() ? type.name() : names.get(0);
                }
            } catch (Exception | LinkageError e) {
                // a probe must never fail; one that does simply does not recognise the image
            }
        }
        return null;
    }

    private void add(StoredImage image) {
        List<StoredImage> replaced = new ArrayList<>();
        synchronized (this) {
            registered.removeIf(other -> {
                boolean clash = other != image && other.name().equals(image.name());
                if (clash) {
                    replaced.add(other);
                }
                return clash;
            });
            registered.removeIf(other -> other == image);
            registered.add(image);
        }
        replaced.forEach(StoredImage::release);
    }

    @Override
    public synchronized List<Image> images() {
        return List.copyOf(registered);
    }

    @Override
    public synchronized Optional<Image> find(String name) {
        return registered.stream().filter(i -> i.name().equals(name)).<Image>map(i -> i).findFirst();
    }

    /**
     * Unregisters the image. Its bytes are released, except while it is running ({@code CURRENT}):
     * the image manager then re-registers it, or calls this again once the flag is cleared.
     */
    @Override
    public void unregister(Image image) {
        if (!(image instanceof StoredImage stored)) {
            return;
        }
        synchronized (this) {
            registered.removeIf(other -> other == stored);
        }
        if (!stored.has(Image.Flag.CURRENT)) {
            stored.release();
        }
    }

    @Override
    public void reregister(Image image) {
        if (image instanceof StoredImage stored && !stored.isReleased()) {
            add(stored);
        }
    }

    /**
     * Renames a registered image ({@code --name} on an image that already exists); a different image
     * of that name is replaced.
     *
     * @return {@code false} if the image is not one of this store's
     */
    public boolean rename(Image image, String newName) {
        if (!(image instanceof StoredImage stored)) {
            return false;
        }
        List<StoredImage> replaced = new ArrayList<>();
        synchronized (this) {
            registered.removeIf(other -> {
                boolean clash = other != stored && other.name().equals(newName);
                if (clash) {
                    replaced.add(other);
                }
                return clash;
            });
            stored.rename(newName);
        }
        replaced.forEach(StoredImage::release);
        return true;
    }

    /**
     * iPXE's default image name: the last segment of the URI's path (or of the opaque part), or
     * {@code ""} when that is empty (the store then names the image {@code imgN}).
     */
    static String defaultName(URI uri) {
        String path = uri.isOpaque() ? uri.getSchemeSpecificPart() : uri.getPath();
        if (path == null) {
            return "";
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
