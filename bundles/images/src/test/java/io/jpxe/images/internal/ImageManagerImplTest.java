package io.jpxe.images.internal;

import static io.jpxe.images.internal.TestImages.randomBytes;
import static io.jpxe.images.internal.TestImages.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootExecutor;
import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.image.FetchOptions;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageType;
import io.jpxe.testkit.RecordingContext;

class ImageManagerImplTest {
    private static final URI KERNEL = URI.create("http://boot.example/linux/vmlinuz");

    private final ImageStoreImpl store = new ImageStoreImpl();
    private final ImageManagerImpl manager = new ImageManagerImpl(store, (String) null);
    private final ArrayOpener opener = new ArrayOpener();
    private final RecordingContext context = new RecordingContext();

    @BeforeEach
    void registerOpener() {
        manager.bindOpener(opener, Map.of("jpxe.uri.scheme", new String[] {"http", "https"}));
    }

    @AfterEach
    void releaseAll() {
        store.deactivate();
    }

    private static FetchOptions options(String name, Duration timeout, boolean quiet, String cmdline) {
        return new FetchOptions(name, timeout, quiet, cmdline);
    }

    @Test
    void resolvesAgainstTheWorkingUri() throws JpxeException {
        assertEquals(KERNEL, manager.resolve(KERNEL.toString()));
        manager.workingUri(URI.create("http://boot.example/menus/main.ipxe"));
        assertEquals(URI.create("http://boot.example/linux/initrd.img"), manager.resolve("../linux/initrd.img"));
    }

    @Test
    void aRelativeNameWithoutWorkingUriIsAnError() {
        JpxeException e = assertThrows(JpxeException.class, () -> manager.resolve("boot.ipxe"));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("\"boot.ipxe\""), e.getMessage());
    }

    @Test
    void fetchesFromAnotherThreadIntoARegisteredImage() throws Exception {
        byte[] data = randomBytes(123_457, 7);
        opener.files.put(KERNEL, data);
        opener.reversed = true;

        Image image = manager.fetch(KERNEL, options(null, Duration.ZERO, false, "quiet"), context);

        assertEquals("vmlinuz", image.name());
        assertEquals(Optional.of(KERNEL), image.uri());
        assertEquals("quiet", image.commandLine());
        assertEquals(sha256(data), image.sha256());
        try (InputStream in = image.openStream()) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(List.of(image), store.images());
        assertEquals(List.of("start " + KERNEL, "expected " + data.length, "done"), context.console().progressEvents());
    }

    @Test
    void quietFetchesShowNoProgress() throws Exception {
        opener.files.put(KERNEL, new byte[] {1});
        manager.fetch(KERNEL, options("k", Duration.ZERO, true, ""), context);
        assertTrue(context.console().progressEvents().isEmpty());
        assertTrue(store.find("k").isPresent());
    }

    @Test
    void aFailureMidwayRegistersNothing() throws Exception {
        opener.files.put(KERNEL, randomBytes(50_000, 8));
        opener.failAfter = 20_000;

        JpxeException e = assertThrows(JpxeException.class,
                () -> manager.fetch(KERNEL, FetchOptions.defaults(), context));

        assertEquals(Errno.EIO, e.errno());
        assertEquals("Could not download " + KERNEL + ": connection lost after 20000 bytes", e.getMessage());
        assertTrue(store.images().isEmpty());
        assertEquals("failed " + Errno.EIO.message(), context.console().progressEvents().getLast());
        if (TestImages.isLinux()) {
            assertEquals(0, TestImages.openMemfds("vmlinuz"));
        }
    }

    @Test
    void theIdleTimeoutFiresWhenDataStops() throws Exception {
        opener.files.put(KERNEL, randomBytes(50_000, 9));
        opener.stallAfter = 10_000;
        long start = System.nanoTime();

        JpxeException e = assertThrows(JpxeException.class,
                () -> manager.fetch(KERNEL, options(null, Duration.ofMillis(200), false, ""), context));

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Errno.ETIMEDOUT, e.errno());
        assertTrue(e.getMessage().contains("no data received for 200 ms"), e.getMessage());
        assertTrue(elapsedMillis >= 200 && elapsedMillis < 5000, "took " + elapsedMillis + " ms");
        assertTrue(opener.cancelled.get(), "the transfer is cancelled");
        assertTrue(store.images().isEmpty());
    }

    @Test
    void ctrlCCancelsTheDownload() throws Exception {
        opener.files.put(KERNEL, randomBytes(50_000, 10));
        opener.stallAfter = 0;
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            context.cancel();
        });

        JpxeException e = assertThrows(JpxeException.class,
                () -> manager.fetch(KERNEL, FetchOptions.defaults(), context));

        assertEquals(Errno.ECANCELED, e.errno());
        assertTrue(opener.cancelled.get());
        assertTrue(store.images().isEmpty());
    }

    @Test
    void anUnknownSchemeIsNotSupported() {
        URI uri = URI.create("gopher://old.example/kernel");
        JpxeException e = assertThrows(JpxeException.class,
                () -> manager.fetch(uri, FetchOptions.defaults(), context));
        assertEquals(Errno.ENOTSUP, e.errno());
        assertEquals("no opener for scheme gopher: " + uri, e.getMessage());
    }

    @Test
    void theOpenerIsChosenByScheme() throws Exception {
        ArrayOpener tftp = new ArrayOpener();
        URI uri = URI.create("tftp://10.0.0.1/pxelinux.0");
        tftp.files.put(uri, new byte[] {42});
        manager.bindOpener(tftp, Map.of("jpxe.uri.scheme", "tftp"));

        assertEquals(1, manager.fetch(uri, FetchOptions.defaults(), context).size());

        manager.unbindOpener(tftp);
        assertEquals(Errno.ENOTSUP, assertThrows(JpxeException.class,
                () -> manager.fetch(uri, FetchOptions.defaults(), context)).errno());
    }

    @Test
    void passwordsAreNotShownInProgress() {
        assertEquals("http://user@host/x", ImageManagerImpl.redacted(URI.create("http://user:secret@host/x")));
    }

    @Test
    void acquireFindsByNameElseFetchesAndRenames() throws Exception {
        opener.files.put(KERNEL, new byte[] {1, 2});
        Image fetched = manager.acquire(KERNEL.toString(), FetchOptions.defaults(), context);
        assertSame(fetched, manager.acquire("vmlinuz", FetchOptions.defaults(), context));

        Image renamed = manager.acquire("vmlinuz", options("linux", Duration.ZERO, false, ""), context);

        assertSame(fetched, renamed);
        assertEquals("linux", renamed.name());
        assertEquals(Optional.empty(), store.find("vmlinuz"));
    }

    @Test
    void executeRunsWithTheImagesWorkingUriWhileUnregistered() throws Exception {
        URI scriptUri = URI.create("http://boot.example/menus/menu.ipxe");
        opener.files.put(scriptUri, "#!ipxe\n".getBytes());
        RecordingType script = new RecordingType("script", true);
        store.bindType(script, Map.of("jpxe.image.type", "script"));
        manager.bindType(script, Map.of("jpxe.image.type", "script"));
        URI before = URI.create("http://boot.example/boot.ipxe");
        manager.workingUri(before);
        Image image = manager.fetch(scriptUri, FetchOptions.defaults(), context);

        manager.execute(image, context);

        assertEquals(List.of(scriptUri), script.workingUris);
        assertEquals(List.of(List.<Image>of()), script.registeredWhileRunning);
        assertEquals(List.of(Set.of(Image.Flag.CURRENT)), script.flagsWhileRunning);
        assertEquals(Optional.of(before), manager.workingUri());
        assertEquals(List.of(image), store.images());
        assertTrue(image.flags().isEmpty());
    }

    @Test
    void autofreeImagesAreGoneAfterExecution() throws Exception {
        RecordingType script = new RecordingType("script", true);
        store.bindType(script, Map.of());
        manager.bindType(script, Map.of());
        opener.files.put(KERNEL, new byte[] {1});
        Image image = manager.fetch(KERNEL, FetchOptions.defaults(), context);
        image.flag(Image.Flag.AUTOFREE, true);

        manager.execute(image, context);

        assertTrue(store.images().isEmpty());
        assertThrows(java.io.IOException.class, () -> image.read(0, java.nio.ByteBuffer.allocate(1)));
    }

    @Test
    void aFailingRunStillRestoresState() throws Exception {
        RecordingType failing = new RecordingType("script", true);
        failing.failure = new JpxeException(Errno.ENOENT, "inner failure");
        store.bindType(failing, Map.of());
        manager.bindType(failing, Map.of());
        opener.files.put(KERNEL, new byte[] {1});
        Image image = manager.fetch(KERNEL, FetchOptions.defaults(), context);

        assertSame(failing.failure, assertThrows(JpxeException.class, () -> manager.execute(image, context)));
        assertEquals(List.of(image), store.images());
        assertEquals(Optional.empty(), manager.workingUri());
    }

    @Test
    void untypedOrNonExecutableImagesCannotRun() throws Exception {
        opener.files.put(KERNEL, new byte[] {1});
        Image untyped = manager.fetch(KERNEL, FetchOptions.defaults(), context);
        JpxeException e = assertThrows(JpxeException.class, () -> manager.execute(untyped, context));
        assertEquals(Errno.ENOEXEC, e.errno());
        assertEquals("vmlinuz: not an executable image (unrecognised format)", e.getMessage());

        RecordingType data = new RecordingType("data", false);
        store.bindType(data, Map.of("jpxe.image.type", "data"));
        manager.bindType(data, Map.of("jpxe.image.type", "data"));
        Image typed = manager.fetch(KERNEL, options("blob", Duration.ZERO, true, ""), context);
        assertEquals(Optional.of("data"), typed.type());
        JpxeException refused = assertThrows(JpxeException.class, () -> manager.execute(typed, context));
        assertEquals(Errno.ENOEXEC, refused.errno());
        assertEquals("blob: not an executable image (data images cannot be executed)", refused.getMessage());
        assertTrue(data.workingUris.isEmpty());
    }

    @Test
    void selectionIsExclusive() throws Exception {
        opener.files.put(KERNEL, new byte[] {1});
        Image a = manager.fetch(KERNEL, options("a", Duration.ZERO, true, ""), context);
        Image b = manager.fetch(KERNEL, options("b", Duration.ZERO, true, ""), context);
        assertEquals(Optional.empty(), manager.selected());

        manager.select(a);
        manager.select(b);

        assertEquals(Optional.of(b), manager.selected());
        assertFalse(a.flags().contains(Image.Flag.SELECTED));
    }

    @Test
    void bootUsesTheConfiguredExecutor() throws Exception {
        opener.files.put(KERNEL, new byte[] {1});
        Image kernel = manager.fetch(KERNEL, FetchOptions.defaults(), context);
        BootPlan plan = new BootPlan(kernel, List.of(), "", "bzImage", Map.of());
        List<BootPlan> planned = new ArrayList<>();
        BootExecutor planExecutor = (p, console) -> {
            planned.add(p);
            return BootExecutor.Outcome.HANDED_OVER;
        };
        manager.bindExecutor((p, console) -> BootExecutor.Outcome.RETURNED, Map.of("jpxe.boot.executor", "qemu"));
        // as DS registers a component annotated @JpxeBootExecutor("plan")
        manager.bindExecutor(planExecutor, Map.of("jpxe.boot.executor", "plan"));

        assertEquals(BootExecutor.Outcome.HANDED_OVER, manager.boot(plan, context));
        assertEquals(List.of(plan), planned);

        ImageManagerImpl kexec = new ImageManagerImpl(store, "kexec");
        JpxeException e = assertThrows(JpxeException.class, () -> kexec.boot(plan, context));
        assertEquals(Errno.ENOTSUP, e.errno());
        assertTrue(e.getMessage().contains("\"kexec\""), e.getMessage());
    }

    @Test
    void builtinSettingsShowTheWorkingUriAndItsDirectory() {
        WorkingUriSettings settings = new WorkingUriSettings(manager);
        assertEquals("builtin", settings.path());
        assertTrue(settings.list().isEmpty());
        assertTrue(settings.fetch("cwuri", 0).isEmpty());

        manager.workingUri(URI.create("http://boot.example/menus/main.ipxe?arch=x86_64"));

        assertEquals("http://boot.example/menus/main.ipxe?arch=x86_64",
                new String(settings.fetch("cwuri", 0).orElseThrow().raw()));
        assertEquals("http://boot.example/menus/", new String(settings.fetch("cwduri", 0).orElseThrow().raw()));
        assertEquals(List.of("cwuri", "cwduri"), settings.list().stream().map(v -> v.name()).toList());
        assertTrue(settings.fetch("other", 0).isEmpty());
        assertEquals("tftp://10.0.0.1/", WorkingUriSettings.directory(URI.create("tftp://10.0.0.1")));
    }

    /** An image type that records what it saw while running. */
    private final class RecordingType implements ImageType {
        final String name;
        final boolean executable;
        final List<URI> workingUris = new ArrayList<>();
        final List<List<Image>> registeredWhileRunning = new ArrayList<>();
        final List<Set<Image.Flag>> flagsWhileRunning = new ArrayList<>();
        JpxeException failure;

        RecordingType(String name, boolean executable) {
            this.name = name;
            this.executable = executable;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean probe(Image image) {
            return true;
        }

        @Override
        public boolean isExecutable() {
            return executable;
        }

        @Override
        public void execute(Image image, CommandContext context) throws JpxeException {
            workingUris.add(manager.workingUri().orElse(null));
            registeredWhileRunning.add(store.images());
            flagsWhileRunning.add(image.flags());
            if (failure != null) {
                throw failure;
            }
        }
    }
}
