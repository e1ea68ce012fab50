package io.jpxe.boot.linux;

import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import io.jpxe.api.image.Image;
import io.jpxe.testkit.BytesImage;

/** An image that claims another size than its bytes have (a download cut short, a huge file). */
record SizedImage(BytesImage bytes, long size, String commandLine) implements Image {
    SizedImage(BytesImage bytes, long size) {
        this(bytes, size, "");
    }

    @Override public String name() { return bytes.name(); }
    @Override public Optional<URI> uri() { return Optional.empty(); }
    @Override public void commandLine(String commandLine) { }
    @Override public Optional<String> type() { return Optional.empty(); }
    @Override public Set<Flag> flags() { return Set.of(); }
    @Override public void flag(Flag flag, boolean on) { }
    @Override public String sha256() { return bytes.sha256(); }
    @Override public InputStream openStream() { return bytes.openStream(); }
    @Override public int read(long position, ByteBuffer dst) { return bytes.read(position, dst); }
    @Override public Path path() { return bytes.path(); }
}
