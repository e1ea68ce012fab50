package io.jpxe.commands.image.internal;

import java.util.ArrayList;
import java.util.List;

import io.jpxe.api.command.CommandContext;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageType;

/** Recognises images starting with {@code #!ipxe} and records each run with its command line. */
final class ScriptType implements ImageType {
    final List<String> runs = new ArrayList<>();

    @Override
    public String name() {
        return "script";
    }

    @Override
    public boolean probe(Image image) throws java.io.IOException {
        try (var in = image.openStream()) {
            return new String(in.readNBytes(6), java.nio.charset.StandardCharsets.US_ASCII).equals("#!ipxe");
        }
    }

    @Override
    public void execute(Image image, CommandContext context) {
        runs.add(image.name() + " \"" + image.commandLine() + "\"");
    }
}
