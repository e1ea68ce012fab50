package io.jpxe.settings.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.SettingsBlock;

/**
 * The {@code builtin} block: {@code platform} ({@code linux}), {@code buildarch} (iPXE's name for the
 * JVM's {@code os.arch}), {@code version} (this bundle's version), {@code unixtime} and {@code errno}.
 * Read-only except {@code errno}, which the script engine stores after each failing command (as
 * {@code builtin/errno}, type {@code uint32}). Other bundles may mount more blocks at {@code builtin}.
 *
 * <p>Thread-safe.
 */
@Component(service = SettingsBlock.class)
public final class BuiltinSettings implements SettingsBlock {
    static final String PATH = "builtin";
    private static final List<String> NAMES = List.of("buildarch", "platform", "version", "unixtime", "errno");

    private final String version;
    private final Clock clock;
    private final AtomicLong errno = new AtomicLong();

    @Activate
    public BuiltinSettings(BundleContext context) {
        this(context.getBundle().getVersion().toString(), Clock.systemUTC());
    }

    /** Outside OSGi (tests, embedding): a given version string and clock. */
    public BuiltinSettings(String version, Clock clock) {
        this.version = version;
        this.clock = clock;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Optional<Raw> fetch(String name, long tag) {
        return switch (name) {
            case "platform" -> string("linux");
            case "buildarch" -> string(buildArch(System.getProperty("os.arch", "")));
            case "version" -> string(version);
            case "unixtime" -> uint32(clock.instant().getEpochSecond());
            case "errno" -> uint32(errno.get());
            default -> Optional.empty();
        };
    }

    @Override
    public List<SettingValue> list() {
        List<SettingValue> values = new ArrayList<>();
        for (String name : NAMES) {
            fetch(name, 0).ifPresent(raw -> values.add(new SettingValue(PATH, name, 0, raw.type(), raw.raw(),
                    SettingType.orString(raw.type()).formatQuietly(raw.raw()))));
        }
        return values;
    }

    /** Only {@code errno} is writable: the script engine records the last failure there. */
    @Override
    public boolean store(String name, long tag, String type, byte[] raw) {
        if (!name.equals("errno")) {
            return false;
        }
        long value = 0;
        for (int i = 0; raw != null && i < raw.length; i++) {
            value = value << 8 | (raw[i] & 0xff);
        }
        errno.set(value & 0xFFFF_FFFFL);
        return true;
    }

    /** iPXE's architecture name for a JVM {@code os.arch}. */
    static String buildArch(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "x86", "i386", "i486", "i586", "i686" -> "i386";
            case "aarch64", "arm64" -> "arm64";
            case "arm", "arm32" -> "arm32";
            case "loongarch64" -> "loong64";
            default -> osArch;
        };
    }

    private static Optional<Raw> string(String value) {
        return Optional.of(new Raw("string", value.getBytes(StandardCharsets.UTF_8)));
    }

    private static Optional<Raw> uint32(long value) {
        return Optional.of(new Raw("uint32", new byte[] { (byte) (value >> 24), (byte) (value >> 16),
                (byte) (value >> 8), (byte) value }));
    }
}
