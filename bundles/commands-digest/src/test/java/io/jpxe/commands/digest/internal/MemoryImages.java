package io.jpxe.commands.digest.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootExecutor;
import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.image.FetchOptions;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.image.ImageStore;
import io.jpxe.api.image.ImageWriter;
import io.jpxe.testkit.BytesImage;

/** Registered in-memory images, acquired by name: the part of the image manager and store these commands use. */
final class MemoryImages implements ImageManager, ImageStore {
    final Map<String, Image> registered = new LinkedHashMap<>();

    void add(String name, byte[] bytes) {
        registered.put(name, new BytesImage(name, bytes));
    }

    @Override
    public Image acquire(String nameOrUri, FetchOptions options, CommandContext context) throws JpxeException {
        Image image = registered.get(nameOrUri);
        if (image == null) {
            throw new JpxeException(Errno.ENOENT, "Could not find " + nameOrUri);
        }
        return image;
    }

    @Override
    public void unregister(Image image) {
        registered.values().remove(image);
    }

    @Override
    public List<Image> images() {
        return List.copyOf(registered.values());
    }

    @Override
    public Optional<Image> find(String name) {
        return Optional.ofNullable(registered.get(name));
    }

    @Override
    public ImageWriter create(String name, URI uri) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void reregister(Image image) {
        registered.put(image.name(), image);
    }

    @Override
    public URI resolve(String uriText) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<URI> workingUri() {
        return Optional.empty();
    }

    @Override
    public void workingUri(URI uri) {
    }

    @Override
    public Image fetch(URI uri, FetchOptions options, CommandContext context) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Image image, CommandContext context) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Image> selected() {
        return Optional.empty();
    }

    @Override
    public void select(Image image) {
    }

    @Override
    public BootExecutor.Outcome boot(BootPlan plan, CommandContext context) {
        throw new UnsupportedOperationException();
    }
}
