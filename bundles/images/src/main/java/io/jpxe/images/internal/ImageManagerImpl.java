package io.jpxe.images.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootExecutor;
import io.jpxe.api.boot.JpxeBootExecutor;
import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.console.Progress;
import io.jpxe.api.image.FetchOptions;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.image.ImageStore;
import io.jpxe.api.image.ImageType;
import io.jpxe.api.image.JpxeImageType;
import io.jpxe.api.uri.UriOpener;
import io.jpxe.api.uri.UriScheme;

/**
 * iPXE's {@code usr/imgmgmt.c} and {@code image_exec}: resolves URIs against the working URI,
 * downloads through the {@link UriOpener} registered for the scheme, runs images through their
 * {@link ImageType}, and hands boot plans to the {@link BootExecutor} chosen by the framework
 * property {@value #BOOT_PROPERTY} (default {@value #DEFAULT_BOOT}).
 *
 * <p>Blocking methods run on script threads. Thread-safe.
 */
@Component(service = ImageManager.class)
public final class ImageManagerImpl implements ImageManager {
    /** Framework property naming the boot executor (the launcher's {@code --boot=}). */
    public static final String BOOT_PROPERTY = "jpxe.boot";
    public static final String DEFAULT_BOOT = "plan";

    private final ImageStore store;
    private final String bootExecutor;
    private final RankedServices<UriOpener> openers = new RankedServices<>();
    private final RankedServices<ImageType> types = new RankedServices<>();
    private final RankedServices<BootExecutor> executors = new RankedServices<>();
    private volatile URI workingUri;

    @Activate
    public ImageManagerImpl(@Reference(name = "store") ImageStore store, BundleContext context) {
        this(store, context.getProperty(BOOT_PROPERTY));
    }

    /**
     * A manager outside OSGi (tests).
     *
     * @param bootExecutor the {@code jpxe.boot.executor} to boot with; {@code null} or empty for {@value #DEFAULT_BOOT}
     */
    public ImageManagerImpl(ImageStore store, String bootExecutor) {
        this.store = Objects.requireNonNull(store, "store");
        this.bootExecutor = bootExecutor == null || bootExecutor.isBlank() ? DEFAULT_BOOT : bootExecutor.trim();
    }

    /*
     * The whiteboards are bound as ComponentServiceObjects and the service taken at first use (see
     * RankedServices): binding the objects made SCR activate every opener, type and executor inside
     * this component's activation, where a cycle through the settings lost the https opener for good.
     */
    @Reference(name = "opener", service = UriOpener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeOpener")
    void addOpener(ComponentServiceObjects<UriOpener> opener, Map<String, Object> properties) {
        openers.addLazily(opener, properties);
    }

    void removeOpener(ComponentServiceObjects<UriOpener> opener) {
        openers.remove(opener);
    }

    @Reference(name = "type", service = ImageType.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeType")
    void addType(ComponentServiceObjects<ImageType> type, Map<String, Object> properties) {
        types.addLazily(type, properties);
    }

    void removeType(ComponentServiceObjects<ImageType> type) {
        types.remove(type);
    }

    @Reference(name = "executor", service = BootExecutor.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeExecutor")
    void addExecutor(ComponentServiceObjects<BootExecutor> executor, Map<String, Object> properties) {
        executors.addLazily(executor, properties);
    }

    void removeExecutor(ComponentServiceObjects<BootExecutor> executor) {
        executors.remove(executor);
    }

    /** Adds an opener outside OSGi (tests). */
    public void bindOpener(UriOpener opener, Map<String, Object> properties) {
        openers.add(opener, properties);
    }

    /** Removes an opener added by {@link #bindOpener}. */
    public void unbindOpener(UriOpener opener) {
        openers.remove(opener);
    }

    /** Adds an image type outside OSGi (tests). */
    public void bindType(ImageType type, Map<String, Object> properties) {
        types.add(type, properties);
    }

    /** Removes an image type added by {@link #bindType}. */
    public void unbindType(ImageType type) {
        types.remove(type);
    }

    /** Adds a boot executor outside OSGi (tests). */
    public void bindExecutor(BootExecutor executor, Map<String, Object> properties) {
        executors.add(executor, properties);
    }

    /** Removes a boot executor added by {@link #bindExecutor}. */
    public void unbindExecutor(BootExecutor executor) {
        executors.remove(executor);
    }

    @Override
    public URI resolve(String uriText) throws JpxeException {
        URI reference = UriResolution.parse(uriText);
        if (reference.isAbsolute()) {
            return reference;
        }
        URI base = workingUri;
        if (base == null) {
            throw new JpxeException(Errno.EINVAL,
                    "\"" + uriText + "\": relative URI, but there is no current working URI to resolve it against");
        }
        return UriResolution.resolve(base, reference);
    }

    @Override
    public Optional<URI> workingUri() {
        return Optional.ofNullable(workingUri);
    }

    @Override
    public void workingUri(URI uri) {
        this.workingUri = uri;
    }

    @Override
    public Image fetch(URI uri, FetchOptions options, CommandContext context) throws JpxeException {
        if (uri.getScheme() == null) {
            throw new JpxeException(Errno.EINVAL, "\"" + uri + "\": not an absolute URI");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        Predicate<RankedServices.Entry<UriOpener>> forScheme =
                e -> e.names(UriScheme.NAMESPACE).stream().anyMatch(scheme::equalsIgnoreCase);
        UriOpener opener = openers.firstAvailable(forScheme).orElseThrow(() -> openers.first(forScheme).isPresent()
                ? new JpxeException(Errno.ENOTSUP, "the opener for scheme " + scheme
                        + " could not be activated (see the log): " + uri)
                : new JpxeException(Errno.ENOTSUP, "no opener for scheme " + scheme + ": " + uri));
        String label = redacted(uri);
        var writer = store.create(options.name(), uri);
        Progress progress = options.quiet() ? null : context.console().progress(label, -1);
        return new Download(uri, label, writer, progress).run(opener, options, context);
    }

    @Override
    public Image acquire(String nameOrUri, FetchOptions options, CommandContext context) throws JpxeException {
        Optional<Image> existing = store.find(nameOrUri);
        if (existing.isEmpty()) {
            return fetch(resolve(nameOrUri), options, context);
        }
        Image image = existing.get();
        String newName = options.name();
        if (newName != null && !newName.isEmpty() && !newName.equals(image.name())) {
            if (!(store instanceof ImageStoreImpl impl) || !impl.rename(image, newName)) {
                throw new JpxeException(Errno.ENOTSUP, image.name() + ": this image store cannot rename images");
            }
        }
        return image;
    }

    /**
     * Runs {@code image} as iPXE's {@code image_exec} does: the working URI is the image's own while it
     * runs; the image is flagged {@code CURRENT} and unregistered meanwhile, and re-registered
     * afterwards unless it is {@code AUTOFREE} (then its bytes are released).
     */
    @Override
    public void execute(Image image, CommandContext context) throws JpxeException {
        ImageType type = image.type()
                .flatMap(name -> types.firstAvailable(e -> name.equals(typeName(e))))
                .filter(ImageType::isExecutable)
                .orElseThrow(() -> new JpxeException(Errno.ENOEXEC, image.name() + ": not an executable image ("
                        + image.type().map(name -> name + " images cannot be executed").orElse("unrecognised format")
                        + ")"));
        boolean wasRegistered = store.images().contains(image);
        boolean nested = image.flags().contains(Image.Flag.CURRENT); // a script that chains itself
        URI savedWorkingUri = workingUri;
        image.uri().ifPresent(this::workingUri);
        image.flag(Image.Flag.CURRENT, true);
        store.unregister(image);
        try {
            type.execute(image, context);
        } finally {
            image.flag(Image.Flag.CURRENT, nested);
            if (image.flags().contains(Image.Flag.AUTOFREE)) {
                store.unregister(image);
            } else if (wasRegistered) {
                store.reregister(image);
            }
            workingUri = savedWorkingUri;
        }
    }

    private static String typeName(RankedServices.Entry<ImageType> entry) {
        var names = entry.names(JpxeImageType.NAMESPACE);
        if (!names.isEmpty()) {
            return names.get(0);
        }
        ImageType type = entry.service();
        return type == null ? null : type.name();
    }

    @Override
    public Optional<Image> selected() {
        return store.images().stream().filter(i -> i.flags().contains(Image.Flag.SELECTED)).findFirst();
    }

    @Override
    public void select(Image image) {
        for (Image other : store.images()) {
            if (other != image) {
                other.flag(Image.Flag.SELECTED, false);
            }
        }
        image.flag(Image.Flag.SELECTED, true);
    }

    @Override
    public BootExecutor.Outcome boot(BootPlan plan, CommandContext context) throws JpxeException {
        BootExecutor executor = executors
                .firstAvailable(e -> e.names(JpxeBootExecutor.NAMESPACE).contains(bootExecutor))
                .orElseThrow(() -> new JpxeException(Errno.ENOTSUP, "boot executor \"" + bootExecutor
                        + "\" is not available (framework property " + BOOT_PROPERTY + ")"));
        return executor.boot(plan, context.console());
    }

    /** The URI as shown on the console: a password in the user info is left out, as iPXE does. */
    static String redacted(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || !userInfo.contains(":")) {
            return uri.toString();
        }
        try {
            return new URI(uri.getScheme(), userInfo.substring(0, userInfo.indexOf(':')), uri.getHost(),
                    uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment()).toString();
        } catch (URISyntaxException e) {
            return uri.getScheme() + "://" + uri.getHost() + uri.getRawPath();
        }
    }
}
