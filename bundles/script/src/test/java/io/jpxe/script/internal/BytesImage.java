package io.jpxe.script.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.jpxe.api.image.Image;

/** An in-memory {@link Image} for tests. */
final class BytesImage implements Image {
    private final String name;
    private final byte[] bytes;
    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    private String commandLine = "";

    BytesImage(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<URI> uri() {
        return Optional.empty();
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public String commandLine() {
        return commandLine;
    }

    @Override
    public void commandLine(String commandLine) {
        this.commandLine = commandLine;
    }

    @Override
    public Optional<String> type() {
        return Optional.of("script");
    }

    @Override
    public Set<Flag> flags() {
        return Set.copyOf(flags);
    }

    @Override
    public void flag(Flag flag, boolean on) {
        if (on) {
            flags.add(flag);
        } else {
            flags.remove(flag);
        }
    }

    @Override
    public String sha256() {
        throw new UnsupportedOperationException("not needed by the script engine");
    }

    @Override
    public InputStream openStream() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public int read(long position, ByteBuffer dst) {
        if (position >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), bytes.length - position);
        dst.put(bytes, (int) position, n);
        return n;
    }

    @Override
    public Path path() {
        throw new UnsupportedOperationException("not needed by the script engine");
    }
}
