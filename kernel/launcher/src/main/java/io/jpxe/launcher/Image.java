package io.jpxe.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A jPXE image as the launcher sees it: the profile's {@code .bndrun} (name, features, run
 * properties) and its bundles, either inside an executable jar ({@code jpxe/profile.bndrun},
 * {@code jpxe/bundles/*.jar}) or in a folder ({@code profile.bndrun}, {@code bundles/*.jar}), the
 * layout of the bootable image's initramfs.
 */
final class Image {
    static final String JAR_PREFIX = "jpxe/";
    private static final Pattern FEATURE = Pattern.compile("\\$\\{feature\\.([A-Za-z0-9_.-]+)}");

    /** One bundle of the image and how to read it. */
    record BundleEntry(String fileName, long size, Opener opener) {
    }

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    private final Path source;
    private final String profile;
    private final String version;
    private final List<String> features;
    private final Map<String, String> runProperties;
    private final List<BundleEntry> bundles;
    private final String embeddedScript;
    private final String fingerprint;

    private Image(Path source, String bndrun, List<BundleEntry> bundles, String embeddedScript, String version)
            throws LaunchException {
        this.source = source;
        Properties p = new Properties();
        try {
            p.load(new StringReader(bndrun));
        } catch (IOException e) {
            throw new LaunchException("cannot read the profile of " + source + ": " + e.getMessage(), e);
        }
        this.runProperties = BndClauses.parseProperties(p.getProperty("-runproperties", ""));
        this.profile = runProperties.getOrDefault("jpxe.profile", "unnamed");
        this.features = parseFeatures(p.getProperty("-runrequires", ""));
        this.bundles = List.copyOf(bundles);
        this.embeddedScript = embeddedScript;
        this.version = version;
        this.fingerprint = fingerprintOf(bndrun, this.bundles);
    }

    /** Finds the image: {@code override} if given, else the jar the launcher runs from. */
    static Image locate(Path override) throws LaunchException {
        Path path = override;
        if (path == null) {
            try {
                path = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException | SecurityException e) {
                throw new LaunchException("cannot find the launcher's own jar: " + e.getMessage(), e);
            }
        }
        if (Files.isDirectory(path)) {
            return fromFolder(path);
        }
        if (Files.isRegularFile(path)) {
            return fromJar(path);
        }
        throw new LaunchException("no jPXE image at " + path);
    }

    private static Image fromFolder(Path dir) throws LaunchException {
        Path bndrun = dir.resolve("profile.bndrun");
        if (!Files.isRegularFile(bndrun)) {
            throw new LaunchException(dir + " is not a jPXE image: it has no profile.bndrun"
                    + " (build a profile with ./jpxe or use --image)");
        }
        try (Stream<Path> files = Files.list(dir.resolve("bundles"))) {
            List<BundleEntry> bundles = new ArrayList<>();
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                bundles.add(new BundleEntry(jar.getFileName().toString(), Files.size(jar), () -> Files.newInputStream(jar)));
            }
            Path script = dir.resolve("embedded.ipxe");
            String embedded = Files.isRegularFile(script) ? Files.readString(script) : null;
            return new Image(dir, Files.readString(bndrun), bundles, embedded, launcherVersion());
        } catch (IOException e) {
            throw new LaunchException("cannot read the image folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Image fromJar(Path file) throws LaunchException {
        try (JarFile jar = new JarFile(file.toFile())) {
            JarEntry bndrun = jar.getJarEntry(JAR_PREFIX + "profile.bndrun");
            if (bndrun == null) {
                throw new LaunchException(file + " is not a jPXE image: it has no " + JAR_PREFIX
                        + "profile.bndrun (run a profile's jar, e.g. distributions/minimal-tftp/target/jpxe-minimal-tftp.jar)");
            }
            String text = new String(jar.getInputStream(bndrun).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            List<BundleEntry> bundles = new ArrayList<>();
            String prefix = JAR_PREFIX + "bundles/";
            for (JarEntry e : jar.stream().filter(e -> e.getName().startsWith(prefix) && e.getName().endsWith(".jar"))
                    .sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) {
                String name = e.getName();
                bundles.add(new BundleEntry(name.substring(prefix.length()), e.getSize(), () -> {
                    JarFile again = new JarFile(file.toFile());
                    return new java.io.FilterInputStream(again.getInputStream(again.getJarEntry(name))) {
                        @Override
                        public void close() throws IOException {
                            super.close();
                            again.close();
                        }
                    };
                }));
            }
            JarEntry script = jar.getJarEntry(JAR_PREFIX + "embedded.ipxe");
            String embedded = script == null ? null
                    : new String(jar.getInputStream(script).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String version = Optional.ofNullable(jar.getManifest())
                    .map(m -> m.getMainAttributes().getValue("Bundle-Version")).orElse("unknown");
            return new Image(file, text, bundles, embedded, version);
        } catch (IOException e) {
            throw new LaunchException("cannot read the image " + file + ": " + e.getMessage(), e);
        }
    }

    private static String launcherVersion() {
        Package p = Main.class.getPackage();
        return p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "0.1.0.SNAPSHOT";
    }

    private static List<String> parseFeatures(String runrequires) {
        List<String> names = new ArrayList<>();
        Matcher m = FEATURE.matcher(runrequires);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    private static String fingerprintOf(String bndrun, List<BundleEntry> bundles) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bndrun.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (BundleEntry b : bundles) {
                sha.update((b.fileName() + ":" + b.size() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    Path source() {
        return source;
    }

    String profile() {
        return profile;
    }

    String version() {
        return version;
    }

    List<String> features() {
        return features;
    }

    Map<String, String> runProperties() {
        return new LinkedHashMap<>(runProperties);
    }

    List<BundleEntry> bundles() {
        return bundles;
    }

    Optional<String> embeddedScript() {
        return Optional.ofNullable(embeddedScript);
    }

    /** Changes whenever the profile or any bundle changes: names the framework cache. */
    String fingerprint() {
        return fingerprint;
    }
}
