package io.jpxe.boot.qemu.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Copies a process's output to the console line by line as it comes: bytes up to each newline,
 * a carriage return before it dropped (a serial console sends CR LF), decoded as UTF-8 with bad
 * bytes replaced. A last line without newline is passed on at the end of the stream. Runs on its
 * own daemon thread until the stream ends.
 */
final class LinePump implements Runnable {
    private static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final Consumer<String> lines;

    LinePump(InputStream in, Consumer<String> lines) {
        this.in = in;
        this.lines = lines;
    }

    /** Starts pumping on a new daemon thread named {@code name}. */
    static Thread start(String name, InputStream in, Consumer<String> lines) {
        return Thread.ofPlatform().name(name).daemon().start(new LinePump(in, lines));
    }

    @Override
    public void run() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        emit(line);
                    } else {
                        line.write(b);
                        if (line.size() >= MAX_LINE) {
                            emit(line); // a runaway line without newline is still shown
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process ended and its pipe was closed: what was read is passed on below
        }
        if (line.size() > 0) {
            emit(line);
        }
    }

    private void emit(ByteArrayOutputStream line) {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        lines.accept(new String(bytes, 0, length, StandardCharsets.UTF_8));
        line.reset();
    }
}
