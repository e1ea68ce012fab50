package io.jpxe.commands.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
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
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandSyntaxException;
import io.jpxe.api.image.Image;
import io.jpxe.images.internal.ImageManagerImpl;
import io.jpxe.images.internal.ImageStoreImpl;
import io.jpxe.testkit.MapOpener;
import io.jpxe.testkit.RecordingContext;

/** Every image command, parsed with its own syntax and run against the real store and manager. */
class ImageCommandsTest {
    private static final String BASE = "http://boot.example/";
    private static final byte[] SCRIPT = "#!ipxe\necho hi\n".getBytes();
    private static final byte[] KERNEL = new byte[] {1, 2, 3, 4, 5};

    private final ImageStoreImpl store = new ImageStoreImpl();
    private final ImageManagerImpl manager = new ImageManagerImpl(store, "plan");
    private final MapOpener opener = new MapOpener();
    private final ScriptType scripts = new ScriptType();
    private final RecordingContext context = new RecordingContext().inScript(URI.create(BASE + "boot.ipxe"), 1);

    @BeforeEach
    void wire() {
        manager.bindOpener(opener, Map.of("jpxe.uri.scheme", "http"));
        store.bindType(scripts, Map.of("jpxe.image.type", "script"));
        manager.bindType(scripts, Map.of("jpxe.image.type", "script"));
        opener.files.put(URI.create(BASE + "menu.ipxe"), SCRIPT);
        opener.files.put(URI.create(BASE + "linux/vmlinuz"), KERNEL);
        opener.files.put(URI.create(BASE + "linux/initrd.img"), new byte[] {9, 9});
    }

    @AfterEach
    void release() {
        new ArrayList<>(store.images()).forEach(store::unregister);
    }

    private void run(Command command, String... line) throws JpxeException {
        command.execute(context, command.syntax().parse(List.of(line)));
    }

    private Image image(String name) {
        return store.find(name).orElseThrow(() -> new AssertionError("no image " + name));
    }

    @Test
    void imgfetchDownloadsWithNameAndCommandLine() throws JpxeException {
        run(new ImgfetchCommand(manager), "imgfetch", "-n", "k", BASE + "linux/vmlinuz", "console=ttyS0", "quiet");

        Image k = image("k");
        assertEquals(5, k.size());
        assertEquals("console=ttyS0 quiet", k.commandLine());
        assertEquals(Optional.of(URI.create(BASE + "linux/vmlinuz")), k.uri());
    }

    @Test
    void imgfetchAlwaysDownloadsAndReplacesTheSameName() throws JpxeException {
        run(new ImgfetchCommand(manager), "imgfetch", BASE + "linux/vmlinuz");
        Image first = image("vmlinuz");
        run(new ImgfetchCommand(manager), "imgfetch", BASE + "linux/vmlinuz");

        assertNotSame(first, image("vmlinuz"));
        assertEquals(1, store.images().size());
    }

    @Test
    void moduleAndInitrdAreImgfetch() throws JpxeException {
        manager.workingUri(URI.create(BASE + "linux/boot.ipxe"));
        run(new InitrdCommand(manager), "initrd", "--autofree", "initrd.img", "/etc/rd.conf");
        run(new ModuleCommand(manager), "module", "--name=mod", "vmlinuz");

        assertEquals("/etc/rd.conf", image("initrd.img").commandLine());
        assertTrue(image("initrd.img").flags().contains(Image.Flag.AUTOFREE));
        assertEquals(5, image("mod").size());
        assertEquals("initrd", new InitrdCommand(manager).syntax().name());
        assertEquals("module", new ModuleCommand(manager).syntax().name());
    }

    @Test
    void aFailedDownloadRegistersNothing() {
        JpxeException e = assertThrows(JpxeException.class,
                () -> run(new ImgfetchCommand(manager), "imgfetch", BASE + "missing"));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("Could not download " + BASE + "missing: 404 Not Found", e.getMessage());
        assertTrue(store.images().isEmpty());
    }

    @Test
    void badOptionsAreSyntaxErrors() {
        CommandSyntaxException missing = assertThrows(CommandSyntaxException.class,
                () -> run(new ImgfetchCommand(manager), "imgfetch"));
        assertEquals(Errno.ERANGE, missing.errno());
        assertTrue(missing.getMessage().contains("imgfetch <uri> [<arguments>...]"), missing.getMessage());

        JpxeException timeout = assertThrows(JpxeException.class,
                () -> run(new ImgfetchCommand(manager), "imgfetch", "-t", "soon", BASE + "menu.ipxe"));
        assertEquals(Errno.EINVAL, timeout.errno());
        assertTrue(store.images().isEmpty());

        CommandSyntaxException help = assertThrows(CommandSyntaxException.class,
                () -> run(new ChainCommand(manager), "chain", "--help"));
        assertTrue(help.isHelp());
        assertTrue(help.getMessage().contains("chain [<uri|image> [<arguments>...]]"), help.getMessage());

        assertEquals(Errno.EINVAL, assertThrows(CommandSyntaxException.class,
                () -> run(new KernelCommand(manager), "kernel", "--replace", "x")).errno());
    }

    @Test
    void kernelSelectsAnExistingOrDownloadedImage() throws JpxeException {
        run(new KernelCommand(manager), "kernel", BASE + "menu.ipxe", "a=1");
        assertEquals(Optional.of(image("menu.ipxe")), manager.selected());
        assertEquals("a=1", image("menu.ipxe").commandLine());

        run(new ImgselectCommand(manager), "imgselect", "menu.ipxe");
        assertEquals("a=1", image("menu.ipxe").commandLine(), "no arguments keep the command line");
        run(new ImgloadCommand(manager), "imgload", "-n", "renamed", "menu.ipxe", "b=2");
        assertEquals("b=2", image("renamed").commandLine());
        assertTrue(image("renamed").flags().contains(Image.Flag.SELECTED));
    }

    @Test
    void kernelRefusesImagesOfNoKnownType() {
        JpxeException e = assertThrows(JpxeException.class,
                () -> run(new KernelCommand(manager), "kernel", BASE + "linux/vmlinuz"));
        assertEquals(Errno.ENOEXEC, e.errno());
        assertEquals("Could not select: vmlinuz: not an executable image (unrecognised format)", e.getMessage());
        assertEquals(Optional.empty(), manager.selected());
    }

    @Test
    void chainExecutesWithArgumentsAndReregisters() throws JpxeException {
        run(new ChainCommand(manager), "chain", BASE + "menu.ipxe", "x", "y");

        assertEquals(List.of("menu.ipxe \"x y\""), scripts.runs);
        assertEquals(List.of(image("menu.ipxe")), store.images());
    }

    @Test
    void chainAutofreeUnregistersAfterTheRun() throws JpxeException {
        run(new ChainCommand(manager), "chain", "-a", BASE + "menu.ipxe");
        assertEquals(1, scripts.runs.size());
        assertTrue(store.images().isEmpty());
    }

    @Test
    void chainReplaceHandsTheImageToTheScriptEngine() throws JpxeException {
        run(new ChainCommand(manager), "chain", "--replace", BASE + "menu.ipxe");
        assertSame(image("menu.ipxe"), context.replacement().orElseThrow());
        assertTrue(scripts.runs.isEmpty());

        context.inScript(null, 0);
        JpxeException e = assertThrows(JpxeException.class,
                () -> run(new ImgexecCommand(manager), "imgexec", "-r", "menu.ipxe"));
        assertEquals(Errno.ENOTTY, e.errno());
        assertTrue(e.getMessage().startsWith("Could not boot: "), e.getMessage());
    }

    @Test
    void chainOfANonExecutableImageFails() throws JpxeException {
        run(new ImgfetchCommand(manager), "imgfetch", BASE + "linux/vmlinuz");
        JpxeException e = assertThrows(JpxeException.class, () -> run(new ChainCommand(manager), "chain", "vmlinuz"));
        assertEquals(Errno.ENOEXEC, e.errno());
        assertEquals("Could not boot: vmlinuz: not an executable image (unrecognised format)", e.getMessage());
    }

    @Test
    void bootRunsTheSelectedImage() throws JpxeException {
        run(new KernelCommand(manager), "kernel", BASE + "menu.ipxe", "root=/dev/nfs");
        run(new BootCommand(manager), "boot");
        assertEquals(List.of("menu.ipxe \"root=/dev/nfs\""), scripts.runs);
    }

    @Test
    void bootWithNothingSelectedFails() {
        JpxeException e = assertThrows(JpxeException.class, () -> run(new BootCommand(manager), "boot"));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("No image selected", e.getMessage());
    }

    @Test
    void imgargsReplacesOrClearsTheCommandLine() throws JpxeException {
        run(new ImgfetchCommand(manager), "imgfetch", BASE + "linux/vmlinuz", "old");
        run(new ImgargsCommand(manager), "imgargs", "vmlinuz", "console=ttyS0,115200", "quiet");
        assertEquals("console=ttyS0,115200 quiet", image("vmlinuz").commandLine());
        run(new ImgargsCommand(manager), "imgargs", "vmlinuz");
        assertEquals("", image("vmlinuz").commandLine());
    }

    @Test
    void imgstatPrintsIpxeLines() throws JpxeException {
        run(new KernelCommand(manager), "kernel", "-a", BASE + "menu.ipxe", "a", "b");
        run(new ImgfetchCommand(manager), "imgfetch", BASE + "linux/initrd.img");
        run(new ImgfetchCommand(manager), "imgfetch", "-n", "secret", BASE + "linux/vmlinuz");
        image("secret").flag(Image.Flag.HIDDEN, true);

        run(new ImgstatCommand(store), "imgstat");
        assertEquals("menu.ipxe : " + SCRIPT.length + " bytes [script] [SELECTED] [AUTOFREE] \"a b\"\n"
                + "initrd.img : 2 bytes\n", context.console().printed());

        run(new ImgstatCommand(store), "imgstat", "secret");
        assertTrue(context.console().printed().endsWith("secret : 5 bytes [HIDDEN]\n"), context.console().printed());

        JpxeException e = assertThrows(JpxeException.class, () -> run(new ImgstatCommand(store), "imgstat", "nope"));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("\"nope\": no such image", e.getMessage());
    }

    @Test
    void initrdKeepsItsPathInTheInitramfsAsCommandLineAndImgstatShowsIt() throws JpxeException {
        opener.files.put(URI.create(BASE + "a.conf"), new byte[] {'x', '\n'});

        run(new InitrdCommand(manager), "initrd", BASE + "a.conf", "/etc/a.conf", "mode=0600");
        run(new InitrdCommand(manager), "initrd", "-n", "tools", BASE + "linux/initrd.img", "/opt/t/x", "mode=755",
                "mkdir=-1");

        assertEquals("/etc/a.conf mode=0600", image("a.conf").commandLine());
        assertEquals("/opt/t/x mode=755 mkdir=-1", image("tools").commandLine());
        run(new ImgstatCommand(store), "imgstat");
        assertEquals("a.conf : 2 bytes \"/etc/a.conf mode=0600\"\n"
                + "tools : 2 bytes \"/opt/t/x mode=755 mkdir=-1\"\n", context.console().printed());
    }

    @Test
    void initrdRejectsBadModesAndNamesBeforeDownloading() {
        String uri = BASE + "linux/initrd.img";
        for (List<String> arguments : List.of(List.of("/etc/a.conf", "mode=0800"), List.of("/etc/a.conf", "mode=rw"),
                List.of("/etc/a.conf", "mode=17777"), List.of("mode=0600"), List.of("/etc/"),
                List.of("../../etc/passwd"), List.of("/x", "mkdir=two"))) {
            List<String> line = new ArrayList<>(List.of("initrd", uri));
            line.addAll(arguments);
            JpxeException e = assertThrows(JpxeException.class,
                    () -> run(new InitrdCommand(manager), line.toArray(String[]::new)), arguments.toString());
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().startsWith("initrd " + uri + ": "), e.getMessage());
        }
        assertTrue(store.images().isEmpty(), "nothing is fetched for a bad line");

        JpxeException mode = assertThrows(JpxeException.class,
                () -> run(new InitrdCommand(manager), "initrd", uri, "/etc/a.conf", "mode=0800"));
        assertEquals("initrd " + uri + ": mode=0800 is not an octal file mode (0 to 7777, e.g. mode=0600)",
                mode.getMessage());
        JpxeException name = assertThrows(JpxeException.class,
                () -> run(new InitrdCommand(manager), "initrd", uri, "mode=0600"));
        assertEquals("initrd " + uri + ": \"mode=0600\" is not a file name: the first argument after the image names"
                + " its file in the initrd (e.g. initrd " + uri + " /etc/a.conf mode=0600)", name.getMessage());
    }

    @Test
    void initrdArgumentsParse() throws JpxeException {
        InitrdArguments plain = InitrdArguments.parse("x", "");
        assertEquals(Optional.empty(), plain.path());
        InitrdArguments named = InitrdArguments.parse("x", "/etc/a.conf  mode=0600 mkdir=1 other=ignored");
        assertEquals(Optional.of("/etc/a.conf"), named.path());
        assertEquals(Optional.of(0600), named.mode());
        assertEquals(Optional.of(1), named.mkdir());
        assertEquals(Optional.empty(), InitrdArguments.parse("x", "a.conf").mode());
    }

    @Test
    void imgfreeFreesNamedOrAllImages() throws JpxeException {
        run(new ImgfetchCommand(manager), "imgfetch", BASE + "linux/vmlinuz");
        run(new ImgfetchCommand(manager), "imgfetch", BASE + "linux/initrd.img");
        run(new ImgfetchCommand(manager), "imgfetch", BASE + "menu.ipxe");

        run(new ImgfreeCommand(store), "imgfree", "vmlinuz");
        assertEquals(Set.of("initrd.img", "menu.ipxe"), names());

        JpxeException e = assertThrows(JpxeException.class,
                () -> run(new ImgfreeCommand(store), "imgfree", "initrd.img", "nope", "menu.ipxe"));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals(Set.of("menu.ipxe"), names());

        run(new ImgfreeCommand(store), "imgfree");
        assertTrue(store.images().isEmpty());
        assertFalse(manager.selected().isPresent());
    }

    private Set<String> names() {
        return Set.copyOf(store.images().stream().map(Image::name).toList());
    }
}
