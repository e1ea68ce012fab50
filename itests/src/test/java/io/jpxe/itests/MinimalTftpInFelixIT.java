package io.jpxe.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.jpxe.api.console.Console;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageStore;
import io.jpxe.api.script.ScriptEngine;

/**
 * The minimal-tftp profile's resolved bundle set (exactly the bundles of its image) in Felix,
 * running scripts served by a real tftpd-hpa on 127.0.0.1.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MinimalTftpInFelixIT {
    private static final Path PLAN = Path.of(System.getProperty("java.io.tmpdir"), "jpxe-it-plan-" + ProcessHandle.current().pid() + ".json");

    @Inject
    BundleContext context;
    @Inject
    ScriptEngine engine;
    @Inject
    Console console;
    @Inject
    ImageStore images;

    @Configuration
    public Option[] config() throws IOException {
        Path export = TestAssets.root().resolve("distributions/minimal-tftp/target/export/minimal-tftp");
        List<Option> options = new ArrayList<>();
        try (Stream<Path> jars = Files.list(export)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                // fragments (Netty's native epoll library) attach to their host and cannot be started
                options.add(isFragment(jar) ? bundle(jar.toUri().toString()).noStart() : bundle(jar.toUri().toString()));
            }
        }
        options.add(junitBundles());
        options.add(cleanCaches());
        options.add(frameworkProperty("jpxe.boot").value("plan"));
        options.add(frameworkProperty("jpxe.plan.out").value(PLAN.toString()));
        options.add(systemProperty("jpxe.test.assets").value(System.getProperty("jpxe.test.assets")));
        options.add(systemProperty("jpxe.root").value(TestAssets.root().toString()));
        return options(options.toArray(Option[]::new));
    }

    private static boolean isFragment(Path jar) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        }
    }

    @Test
    public void everyBundleOfTheProfileIsActiveAndNoneIsHttpOrGogo() {
        for (Bundle b : context.getBundles()) {
            String name = b.getSymbolicName();
            if (name.startsWith("io.jpxe.")) {
                assertEquals(name + " state", Bundle.ACTIVE, b.getState());
            }
            assertFalse(name, name.contains("http") || name.contains("gogo"));
        }
    }

    @Test
    public void aScriptFromTftpdHpaFetchesAKernelAndInitrdAndPlansTheBoot() throws Exception {
        try (TftpdHpa tftpd = TftpdHpa.start()) {
            tftpd.put("vmlinuz", TestAssets.kernel());
            tftpd.put("initrd.img", TestAssets.initrd());
            tftpd.put("boot.ipxe", """
                    #!ipxe
                    kernel vmlinuz quiet
                    initrd initrd.img
                    imgargs vmlinuz console=ttyS0
                    boot
                    """.getBytes());
            Files.deleteIfExists(PLAN);

            int status = engine.execute("chain " + tftpd.baseUri() + "boot.ipxe", console);

            assertEquals(0, status);
            String json = Files.readString(PLAN).replaceAll("\\s*([:,{}\\[\\]])\\s*", "$1");
            assertTrue(json, json.contains("\"sha256\":\"" + Sha256.of(TestAssets.kernel()) + "\""));
            assertTrue(json, json.contains("\"size\":" + Files.size(TestAssets.kernel())));
            assertTrue(json, json.contains("\"sha256\":\"" + Sha256.of(TestAssets.initrd()) + "\""));
            assertTrue(json, json.contains("\"cmdline\":\"console=ttyS0\""));
        }
    }

    @Test
    public void aMissingFileOrAnErrorRegistersNoImage() throws Exception {
        try (TftpdHpa tftpd = TftpdHpa.start()) {
            int before = images.images().size();

            int status = engine.execute("imgfetch " + tftpd.baseUri() + "absent.bin", console);

            assertNotEquals(0, status);
            assertEquals(before, images.images().size());
            for (Image i : images.images()) {
                assertNotEquals("absent.bin", i.name());
            }
        }
    }
}
