package io.jpxe.script.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageType;
import io.jpxe.api.image.JpxeImageType;
import io.jpxe.api.script.ScriptEngine;

/**
 * iPXE's script image type ({@code script.c: script_probe}): an image whose first 7 bytes are
 * {@code #!ipxe} or {@code #!gpxe} followed by one whitespace byte. Executing it runs the script; a
 * non-zero script status becomes the failure of the command that ran it, with that same status.
 */
// The engine is looked up when a script runs: it reaches the image manager, which tracks image
// types, so binding it at activation would be a circular reference.
@Component(service = ImageType.class, reference = @Reference(name = "engine", service = ScriptEngine.class))
@JpxeImageType("script")
public final class ScriptImageType implements ImageType {
    private static final int MAGIC_LENGTH = 7;

    private final Supplier<ScriptEngine> engine;

    @Activate
    public ScriptImageType(ComponentContext context) {
        this.engine = () -> (ScriptEngine) context.locateService("engine");
    }

    /** For use outside OSGi (tests). */
    public ScriptImageType(ScriptEngine engine) {
        this.engine = () -> engine;
    }

    @Override
    public String name() {
        return "script";
    }

    @Override
    public boolean probe(Image image) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(MAGIC_LENGTH);
        while (head.hasRemaining()) {
            if (image.read(head.position(), head) < 0) {
                return false;
            }
        }
        return isScript(head.array());
    }

    /** Whether {@code head} (at least 7 bytes) starts with the script magic. */
    static boolean isScript(byte[] head) {
        if (head.length < MAGIC_LENGTH || head[0] != '#' || head[1] != '!' || head[3] != 'p' || head[4] != 'x'
                || head[5] != 'e') {
            return false;
        }
        byte kind = head[2];
        byte space = head[6];
        return (kind == 'i' || kind == 'g') && (space == ' ' || space == '\t' || space == '\n' || space == '\r'
                || space == 0x0b || space == '\f');
    }

    @Override
    public void execute(Image image, CommandContext context) throws JpxeException {
        int status = engine.get().run(image, context);
        if (status != 0) {
            throw new ExitStatusException(image.uri().map(Object::toString).orElse(image.name()), status);
        }
    }
}
