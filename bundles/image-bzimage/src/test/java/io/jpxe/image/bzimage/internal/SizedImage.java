package io.jpxe.image.bzimage.internal;

import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.jpxe.api.image.Image;

/** An image with a size but no bytes (reads find nothing), for checks that look only at sizes. */
final class SizedImage implements Image {
    private final String name;
    private final long size;
    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    private String commandLine = "";

    SizedImage(String name, long size) {
        this.name = name;
        this.size = size;
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
        return size;
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
        return Optional.empty();
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
        return "";
    }

    @Override
    public InputStream openStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public int read(long position, ByteBuffer dst) {
        return -1;
    }

    @Override
    public Path path() {
        throw new UnsupportedOperationException("no backing file");
    }
}
