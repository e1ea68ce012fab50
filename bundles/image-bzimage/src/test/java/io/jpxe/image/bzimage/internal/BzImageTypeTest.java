package io.jpxe.image.bzimage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootExecutor;
import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageWriter;
import io.jpxe.images.internal.ImageManagerImpl;
import io.jpxe.images.internal.ImageStoreImpl;
import io.jpxe.testkit.RecordingContext;

class BzImageTypeTest {
    private final ImageStoreImpl store = new ImageStoreImpl();
    private final ImageManagerImpl manager = new ImageManagerImpl(store, "plan");
    private final BzImageType type = new BzImageType(store, manager);
    private final RecordingContext context = new RecordingContext();
    private final List<BootPlan> plans = new ArrayList<>();
    private BootExecutor.Outcome outcome = BootExecutor.Outcome.HANDED_OVER;

    @BeforeEach
    void wire() {
        Map<String, Object> typeProperties = Map.of("jpxe.image.type", "bzImage");
        store.bindType(type, typeProperties);
        manager.bindType(type, typeProperties);
        manager.bindExecutor((plan, console) -> {
            plans.add(plan);
            return outcome;
        }, Map.of("jpxe.boot.executor", "plan"));
    }

    @AfterEach
    void release() {
        store.images().forEach(store::unregister);
    }

    private Image register(String name, byte[] data) throws JpxeException, java.io.IOException {
        try (ImageWriter writer = store.create(name, URI.create("http://boot.example/" + name))) {
            writer.write(0, ByteBuffer.wrap(data));
            return writer.commit();
        }
    }

    @Test
    void probesKernelsButNotOtherFiles() throws Exception {
        assertEquals(Optional.of("bzImage"), register("vmlinuz", new SyntheticKernel().build()).type());
        assertEquals(Optional.empty(), register("initrd.img", new byte[200_000]).type());
        assertEquals(Optional.empty(), register("tiny", new byte[] {1, 2, 3}).type());
    }

    @Test
    void bootsWithEveryOtherVisibleImageAsInitrdInOrder() throws Exception {
        Image microcode = register("ucode.img", new byte[] {1});
        Image kernel = register("vmlinuz", new SyntheticKernel().build());
        Image hidden = register("shim", new byte[] {2});
        hidden.flag(Image.Flag.HIDDEN, true);
        Image initrd = register("initrd.img", new byte[] {3});
        kernel.commandLine("console=ttyS0 quiet");

        manager.execute(kernel, context);

        assertEquals(1, plans.size());
        BootPlan plan = plans.get(0);
        assertEquals(kernel, plan.kernel());
        assertEquals(List.of(microcode, initrd), plan.initrds());
        assertEquals("console=ttyS0 quiet", plan.commandLine());
        assertEquals("bzImage", plan.kernelType());
        assertEquals("2.15", plan.details().get("boot_protocol"));
        assertEquals(new SyntheticKernel().kernelVersion, plan.details().get("kernel_version"));
        assertEquals(Optional.of(0), context.terminatedStatus());
    }

    @Test
    void aReturningExecutorLetsTheScriptGoOn() throws Exception {
        outcome = BootExecutor.Outcome.RETURNED;
        Image kernel = register("vmlinuz", new SyntheticKernel().build());
        manager.execute(kernel, context);
        assertEquals(1, plans.size());
        assertEquals(Optional.empty(), context.terminatedStatus());
    }

    @Test
    void anOverlongCommandLineFailsBeforeAnythingIsHandedOver() throws Exception {
        SyntheticKernel small = new SyntheticKernel();
        small.cmdlineSize = 10;
        Image kernel = register("vmlinuz", small.build());
        kernel.commandLine("01234567890");

        JpxeException e = assertThrows(JpxeException.class, () -> manager.execute(kernel, context));

        assertEquals(Errno.E2BIG, e.errno());
        assertTrue(e.getMessage().contains("11 bytes") && e.getMessage().contains("10 bytes"), e.getMessage());
        assertTrue(plans.isEmpty());
        assertEquals(Optional.empty(), context.terminatedStatus());
    }

    @Test
    void aTruncatedKernelIsStillABzImageAndBootSaysWhatIsWrong() throws Exception {
        byte[] full = new SyntheticKernel().build();
        Image kernel = register("vmlinuz", java.util.Arrays.copyOf(full, full.length - 1000));
        assertEquals(Optional.of("bzImage"), kernel.type());

        JpxeException e = assertThrows(JpxeException.class, () -> manager.execute(kernel, context));

        assertEquals(Errno.ENOEXEC, e.errno());
        assertTrue(e.getMessage().startsWith("vmlinuz: truncated kernel: the header says "), e.getMessage());
        assertTrue(plans.isEmpty());
    }

    @Test
    void initrdsBeyondTheKernelsLimitFailBeforeAnythingIsHandedOver() throws Exception {
        SyntheticKernel old = new SyntheticKernel();
        old.xloadflags = 0;
        old.initrdAddrMax = 0x37ffffffL;
        old.prefAddress = 0x37f00000L; // leaves 1 MiB minus the kernel below the limit
        old.initSize = 0x80000;
        Image kernel = register("vmlinuz", old.build());
        register("initrd.img", new byte[600_000]);

        JpxeException e = assertThrows(JpxeException.class, () -> manager.execute(kernel, context));

        assertEquals(Errno.E2BIG, e.errno());
        assertTrue(e.getMessage().startsWith("vmlinuz: 1 initrd of initrd.img 0.6 MiB need 0.6 MiB below"), e.getMessage());
        assertTrue(plans.isEmpty());
    }

    @Test
    void aCommandLineOfExactlyTheLimitIsAccepted() throws Exception {
        SyntheticKernel small = new SyntheticKernel();
        small.cmdlineSize = 10;
        Image kernel = register("vmlinuz", small.build());
        kernel.commandLine("0123456789");
        manager.execute(kernel, context);
        assertEquals(1, plans.size());
    }

    @Test
    void aCorruptImageIsNotExecuted() throws Exception {
        Image garbage = register("garbage", new byte[4096]);
        JpxeException e = assertThrows(JpxeException.class, () -> type.execute(garbage, context));
        assertEquals(Errno.ENOEXEC, e.errno());
        assertTrue(e.getMessage().startsWith("garbage: not a usable bzImage: "), e.getMessage());
        assertTrue(plans.isEmpty());
    }

    @Test
    void aMissingExecutorIsReported() throws Exception {
        ImageManagerImpl qemuManager = new ImageManagerImpl(store, "qemu");
        BzImageType qemuType = new BzImageType(store, qemuManager);
        Image kernel = register("vmlinuz", new SyntheticKernel().build());
        JpxeException e = assertThrows(JpxeException.class, () -> qemuType.execute(kernel, context));
        assertEquals(Errno.ENOTSUP, e.errno());
        assertEquals(Optional.empty(), context.terminatedStatus());
    }
}
