package io.jpxe.api.image;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A registered image: bytes held off the Java heap (a memfd or a file) plus iPXE's image metadata.
 *
 * <p>The bytes are immutable once registered; metadata ({@link #commandLine}, flags) may change.
 * Thread-safe.
 */
@ProviderType
public interface Image {

    /** iPXE's image flags as shown by {@code imgstat}. */
    enum Flag {
        /** Chosen by {@code kernel}/{@code imgselect} for the next {@code boot}. */
        SELECTED,
        /** Verified by {@code imgverify}. */
        TRUSTED,
        /** Unregistered after it has been executed. */
        AUTOFREE,
        /** Running now (a script that is executing). */
        CURRENT,
        /** Not shown by {@code imgstat}. */
        HIDDEN
    }

    /** The image's name ({@code --name}, else the last path segment of its URI). */
    String name();

    /** Where the image came from, or empty for images made locally. */
    Optional<URI> uri();

    /** Size in bytes. */
    long size();

    /**
     * The image's command line; empty string if none. For a kernel it is the kernel command line.
     * For an initrd it follows iPXE's cpio rule ({@code core/cpio.c}):
     * {@code [<path> [mode=<octal>] [mkdir=<n>]]}, so {@code initrd http://x/a.conf /etc/a.conf mode=0600}
     * stores {@code "/etc/a.conf mode=0600"}: the boot executor wraps such an image in cpio headers
     * that create it at {@code <path>} inside the initramfs (mode 0644 unless {@code mode=} is given;
     * {@code mkdir=} parent directories created first, -1 for all), and passes an initrd with an
     * empty command line as it is. The {@code initrd} command checks the path and mode.
     */
    String commandLine();

    /** Replaces the command line ({@code imgargs}). */
    void commandLine(String commandLine);

    /** The name of the {@link ImageType} that recognised the image, or empty if none did. */
    Optional<String> type();

    /** The current flags (a snapshot). */
    Set<Flag> flags();

    /** Sets or clears a flag. */
    void flag(Flag flag, boolean on);

    /** SHA-256 of the bytes, lower-case hex. May be computed on first call (reading the whole image), then remembered. */
    String sha256();

    /** A new stream over the bytes; the caller closes it. */
    InputStream openStream() throws IOException;

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code position} into {@code dst}.
     *
     * @return the number of bytes read, or -1 at the end
     */
    int read(long position, ByteBuffer dst) throws IOException;

    /**
     * A path through which other processes can read the bytes (e.g. {@code /proc/<pid>/fd/<n>} for
     * a memfd, or the backing file), valid while the image is registered.
     */
    Path path();
}
