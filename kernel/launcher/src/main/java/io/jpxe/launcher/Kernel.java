package io.jpxe.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The embedded OSGi framework with exactly the image's bundles. Bundles are installed once into a
 * framework cache named after the image's fingerprint and reused by later starts (which is what
 * makes a start fast); a second concurrent start falls back to a private temporary cache.
 */
final class Kernel implements AutoCloseable {
    /** The runner registers its main task as a {@link Callable} with this property. */
    static final String MAIN_FILTER = "(&(" + Constants.OBJECTCLASS + "=java.util.concurrent.Callable)(jpxe.main=*))";
    private static final String LOCATION_PREFIX = "jpxe:";

    private final Image image;
    private final LaunchOptions options;
    private final PrintStream err;
    private final Framework framework;
    private final Path temporaryCache;
    private final FileChannel lockChannel;
    private final FileLock lock;

    Kernel(Image image, LaunchOptions options, PrintStream err) throws LaunchException {
        this.image = image;
        this.options = options;
        this.err = err;
        CacheChoice cache = chooseCache();
        this.temporaryCache = cache.temporary ? cache.dir : null;
        this.lockChannel = cache.channel;
        this.lock = cache.lock;
        this.framework = new FrameworkFactory().newFramework(configuration(cache.dir));
        try {
            framework.init();
            synchronizeBundles();
        } catch (BundleException | IOException | RuntimeException e) {
            closeQuietly();
            throw new LaunchException("cannot start the OSGi framework: " + e.getMessage(), e);
        }
    }

    private record CacheChoice(Path dir, boolean temporary, FileChannel channel, FileLock lock) {
    }

    private CacheChoice chooseCache() throws LaunchException {
        Path base = cacheBase();
        if (base != null) {
            Path dir = base.resolve(image.profile() + "-" + image.fingerprint());
            try {
                Files.createDirectories(dir);
                FileChannel channel = FileChannel.open(base.resolve(dir.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    removeStaleCaches(base, dir);
                    return new CacheChoice(dir, false, channel, lock);
                }
                channel.close();
            } catch (IOException e) {
                if (options.verbose()) {
                    err.println("jpxe: cache " + base + " unusable (" + e.getMessage() + "), using a temporary one");
                }
            }
        }
        try {
            return new CacheChoice(Files.createTempDirectory("jpxe-cache"), true, null, null);
        } catch (IOException e) {
            throw new LaunchException("cannot create a framework cache: " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static Path cacheBase() {
        String explicit = System.getenv("JPXE_CACHE");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "jpxe");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isEmpty() || home.equals("?") ? null : Path.of(home, ".cache", "jpxe");
    }

    /** Older caches of the same profile belong to images that were rebuilt since. */
    private void removeStaleCaches(Path base, Path current) {
        try (Stream<Path> entries = Files.list(base)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && !p.equals(current) && name.startsWith(image.profile() + "-")
                        && name.length() == current.getFileName().toString().length()) {
                    Path lockFile = base.resolve(name + ".lock");
                    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                        FileLock l = tryLock(ch);
                        if (l != null) {
                            deleteTree(p);
                            l.release();
                            Files.deleteIfExists(lockFile);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // Stale caches only cost disk space.
        }
    }

    private Map<String, Object> configuration(Path cacheDir) {
        Map<String, Object> config = new HashMap<>();
        // URL handlers cost start-up time and only Gogo needs them: its profile turns them back on.
        config.put("felix.service.urlhandlers", "false");
        config.putAll(image.runProperties());
        config.put(Constants.FRAMEWORK_STORAGE, cacheDir.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
        config.put("felix.cache.locking", "false"); // the launcher locks the cache itself
        config.put("felix.log.logger", new StderrLogger(err));
        config.put("felix.log.level", options.verbose() ? "3" : "1");
        if (options.verbose()) {
            config.put("jpxe.verbose", "true"); // the console then reports each transfer's size, time and rate
        }
        config.put("jpxe.command", options.command().name().toLowerCase(java.util.Locale.ROOT));
        config.put("jpxe.boot", options.boot());
        config.put("jpxe.profile", image.profile());
        config.put("jpxe.version", image.version());
        config.put("jpxe.features", String.join(",", image.features()));
        if (options.target() != null) {
            config.put("jpxe.target", options.target());
        }
        if (options.planOut() != null) {
            config.put("jpxe.plan.out", options.planOut().toAbsolutePath().toString());
        }
        for (int i = 0; i < options.settings().size(); i++) {
            config.put("jpxe.set." + i, options.settings().get(i));
        }
        config.put("jpxe.set.count", Integer.toString(options.settings().size()));
        image.embeddedScript().ifPresent(s -> config.put("jpxe.embedded.script", s));
        if (options.hotDir() != null) {
            config.put("felix.fileinstall.dir", options.hotDir().toAbsolutePath().toString());
        }
        if (options.command() != LaunchOptions.Command.GOGO) {
            config.put("gosh.args", "--nointeractive");
        }
        config.putAll(options.properties());
        return config;
    }

    /** Installs the image's bundles the cache does not hold yet and removes those the image dropped. */
    private void synchronizeBundles() throws BundleException, IOException {
        BundleContext ctx = framework.getBundleContext();
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle b : ctx.getBundles()) {
            if (b.getLocation().startsWith(LOCATION_PREFIX)) {
                installed.put(b.getLocation(), b);
            }
        }
        Set<String> wanted = new HashSet<>();
        for (Image.BundleEntry entry : image.bundles()) {
            String location = LOCATION_PREFIX + entry.fileName();
            wanted.add(location);
            if (!installed.containsKey(location)) {
                try (InputStream in = entry.opener().open()) {
                    ctx.installBundle(location, in);
                }
            }
        }
        for (Map.Entry<String, Bundle> e : installed.entrySet()) {
            if (!wanted.contains(e.getKey())) {
                e.getValue().uninstall();
            }
        }
    }

    /** Starts every bundle, waits for the runner's main task and runs it on this thread. */
    int runMain() throws LaunchException {
        StartupTrace.mark("framework initialised");
        startAll();
        StartupTrace.mark("bundles started");
        BundleContext ctx = framework.getBundleContext();
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(ctx, ctx.createFilter(MAIN_FILTER), null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open();
        try {
            long timeout = Long.getLong("jpxe.start.timeout", 30_000L);
            Object task = tracker.waitForService(timeout);
            if (!(task instanceof Callable<?> main)) {
                throw new LaunchException("the image did not become ready within " + timeout + " ms: "
                        + describeProblems());
            }
            StartupTrace.mark("runner ready");
            Object result = main.call();
            StartupTrace.mark("runner finished");
            return result instanceof Integer status ? status : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while starting");
        } catch (LaunchException e) {
            throw e;
        } catch (Exception e) {
            throw new LaunchException("the runner failed: " + e, e);
        } finally {
            tracker.close();
        }
    }

    /** Starts every bundle and waits until the framework is stopped (Gogo's {@code stop 0}). */
    int runUntilStopped() throws LaunchException {
        startAll();
        try {
            FrameworkEvent event = framework.waitForStop(0);
            return event.getType() == FrameworkEvent.STOPPED ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private void startAll() throws LaunchException {
        try {
            framework.start();
        } catch (BundleException e) {
            throw new LaunchException("cannot start the OSGi framework: " + e.getMessage(), e);
        }
        List<String> failures = new ArrayList<>();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getBundleId() == 0 || isFragment(b) || b.getState() == Bundle.ACTIVE) {
                continue;
            }
            try {
                long begin = System.nanoTime();
                b.start();
                StartupTrace.took(b.getSymbolicName(), begin);
            } catch (BundleException e) {
                failures.add(b.getSymbolicName() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            err.println("jpxe: some bundles did not start:");
            failures.forEach(f -> err.println("  " + f));
        }
    }

    private static boolean isFragment(Bundle b) {
        BundleRevision rev = b.adapt(BundleRevision.class);
        return rev != null && (rev.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private String describeProblems() {
        StringBuilder sb = new StringBuilder();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getBundleId() != 0 && !isFragment(b) && b.getState() != Bundle.ACTIVE) {
                sb.append("\n  bundle ").append(b.getSymbolicName()).append(" is not active");
            }
        }
        if (framework.getBundleContext().getBundles().length > 0
                && java.util.Arrays.stream(framework.getBundleContext().getBundles())
                        .noneMatch(b -> "io.jpxe.runner".equals(b.getSymbolicName()))) {
            sb.append("\n  the image has no io.jpxe.runner bundle");
        }
        return sb.isEmpty() ? "a required service is missing (run with --verbose)" : sb.toString();
    }

    /** Prints the features, capabilities and bundles of the image without starting it. */
    int printFeatures(PrintStream out) {
        FrameworkWiring wiring = framework.adapt(FrameworkWiring.class);
        wiring.resolveBundles(null);
        out.println("jPXE " + image.version() + ", profile " + image.profile());
        out.println("Features: " + (image.features().isEmpty() ? "(none)" : String.join(" ", image.features())));
        Map<String, Set<String>> capabilities = new TreeMap<>();
        List<Bundle> bundles = new ArrayList<>(List.of(framework.getBundleContext().getBundles()));
        bundles.sort(Comparator.comparing(b -> String.valueOf(b.getSymbolicName())));
        int unresolved = 0;
        for (Bundle b : bundles) {
            BundleRevision rev = b.adapt(BundleRevision.class);
            if (rev == null || b.getBundleId() == 0) {
                continue;
            }
            for (BundleCapability cap : rev.getDeclaredCapabilities(null)) {
                String ns = cap.getNamespace();
                if (ns.startsWith("jpxe.")) {
                    Object value = cap.getAttributes().get(ns);
                    Set<String> names = capabilities.computeIfAbsent(ns, k -> new TreeSet<>());
                    if (value instanceof List<?> list) {
                        list.forEach(v -> names.add(String.valueOf(v)));
                    } else if (value != null) {
                        names.add(String.valueOf(value));
                    }
                }
            }
        }
        out.println("Capabilities:");
        capabilities.forEach((ns, names) -> out.println("  " + ns + ": " + String.join(" ", names)));
        out.println("Bundles (" + (bundles.size() - 1) + "):");
        for (Bundle b : bundles) {
            if (b.getBundleId() == 0) {
                continue;
            }
            boolean resolved = b.getState() != Bundle.INSTALLED;
            if (!resolved) {
                unresolved++;
            }
            out.println("  " + b.getSymbolicName() + " " + b.getVersion() + (resolved ? "" : "  (UNRESOLVED)"));
        }
        return unresolved == 0 ? 0 : 1;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            framework.stop();
            framework.waitForStop(TimeUnit.SECONDS.toMillis(10));
        } catch (BundleException | InterruptedException | RuntimeException e) {
            // The process exits anyway; nothing to save.
        }
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
            if (temporaryCache != null) {
                deleteTree(temporaryCache);
            }
        } catch (IOException e) {
            // A leftover temporary cache is harmless.
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Felix's log, on stderr so it never mixes with script output. */
    private static final class StderrLogger extends Logger {
        private final PrintStream err;

        StderrLogger(PrintStream err) {
            this.err = err;
        }

        @Override
        protected void doLog(int level, String msg, Throwable throwable) {
            err.println("felix: " + msg + (throwable == null ? "" : " (" + throwable + ")"));
        }
    }
}
