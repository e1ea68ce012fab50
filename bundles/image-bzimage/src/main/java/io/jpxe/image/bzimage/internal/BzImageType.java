package io.jpxe.image.bzimage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootExecutor;
import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.image.ImageStore;
import io.jpxe.api.image.ImageType;
import io.jpxe.api.image.JpxeImageType;

/**
 * Linux x86 kernels in bzImage format (iPXE's {@code arch/x86/image/bzimage.c}), recognised by the
 * boot protocol header (protocol 2.00 or later).
 *
 * <p>Executing one builds a {@link BootPlan} as iPXE loads a bzImage: the kernel with its command
 * line, and as initrds every other registered image that is not hidden, in registration order (a
 * running script is unregistered meanwhile, so it is not among them). Every check ({@link KernelChecks}:
 * header, truncation, payload, command line length, initrd address limit) happens before the plan is
 * handed to the image manager's boot executor. When the
 * executor has handed the machine over, the script run is terminated with status 0.
 *
 * <p>Thread-safe (stateless apart from its services).
 */
// The store and the manager are looked up only when a kernel boots: they themselves track image
// types, and binding them at activation would be a circular reference.
@Component(service = ImageType.class, reference = {
        @Reference(name = "store", service = ImageStore.class),
        @Reference(name = "manager", service = ImageManager.class)})
@JpxeImageType(BzImageType.NAME)
public final class BzImageType implements ImageType {
    static final String NAME = "bzImage";
    /** The boot sector and the first setup sector hold the whole header. */
    private static final int FIRST_READ = 1024;

    private final Supplier<ImageStore> store;
    private final Supplier<ImageManager> manager;

    @Activate
    public BzImageType(ComponentContext context) {
        this.store = () -> (ImageStore) context.locateService("store");
        this.manager = () -> (ImageManager) context.locateService("manager");
    }

    /** For use outside OSGi (tests). */
    public BzImageType(ImageStore store, ImageManager manager) {
        this.store = () -> store;
        this.manager = () -> manager;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Recognises the boot sector's signature and a boot protocol of 2.00 or later only: a truncated
     * or corrupt kernel is still a bzImage, which {@code boot} then refuses saying what is wrong.
     */
    @Override
    public boolean probe(Image image) throws IOException {
        ByteBuffer first = readPrefix(image, (int) Math.min(image.size(), FIRST_READ))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return BzImageHeader.hasSignature(first) && first.limit() >= BzImageHeader.VERSION + 2
                && (first.getShort(BzImageHeader.VERSION) & 0xffff) >= 0x200;
    }

    @Override
    public void execute(Image image, CommandContext context) throws JpxeException {
        BzImageHeader header;
        String commandLine = image.commandLine();
        List<Image> initrds = store.get().images().stream()
                .filter(other -> other != image && !other.flags().contains(Image.Flag.HIDDEN))
                .toList();
        try {
            header = header(image);
            KernelChecks.checkComplete(image, header);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, image.name() + ": cannot read the kernel: " + e.getMessage(), e);
        } catch (JpxeException e) {
            String problem = e.getMessage();
            throw new JpxeException(Errno.ENOEXEC, problem.startsWith(image.name() + ": ") ? problem
                    : image.name() + ": not a usable bzImage: " + problem, e);
        }
        KernelChecks.checkCommandLine(image, header, commandLine);
        KernelChecks.checkInitrdsFit(image, header, initrds);
        BootPlan plan = new BootPlan(image, initrds, commandLine, NAME, header.details());
        if (manager.get().boot(plan, context) == BootExecutor.Outcome.HANDED_OVER) {
            context.terminate(0);
        }
    }

    /**
     * Reads and parses the header. Only the first sector is read from images without the boot
     * signature, so probing a large initrd stays cheap.
     */
    static BzImageHeader header(Image image) throws IOException, JpxeException {
        ByteBuffer first = readPrefix(image, (int) Math.min(image.size(), FIRST_READ));
        if (!BzImageHeader.hasSignature(first) || image.size() <= FIRST_READ) {
            return BzImageHeader.parse(first, image.size());
        }
        return BzImageHeader.parse(readPrefix(image, (int) Math.min(image.size(), BzImageHeader.MAX_SETUP_BYTES)),
                image.size());
    }

    private static ByteBuffer readPrefix(Image image, int length) throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(length);
        while (prefix.hasRemaining()) {
            if (image.read(prefix.position(), prefix) <= 0) {
                break;
            }
        }
        return prefix.flip();
    }
}
