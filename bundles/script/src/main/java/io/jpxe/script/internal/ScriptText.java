package io.jpxe.script.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A script's bytes cut into logical lines exactly as iPXE's {@code process_script} does: split on
 * {@code \n}, one trailing {@code \r} removed, a trailing backslash joins the next physical line
 * (no space inserted), and a line whose first non-blank character is {@code :} starts with a label
 * (up to the next blank; the rest after that one blank is the command). A NUL ends the line's text,
 * as it does for iPXE's C strings. Immutable and thread-safe.
 */
final class ScriptText {
    private final byte[] bytes;
    private Map<String, Line> labels;
    private boolean labelScanBroken;

    /**
     * One logical line.
     *
     * @param offset       where the line starts (a {@code goto} resumes here)
     * @param number       its first physical line number (1-based)
     * @param label        the label, or {@code null}
     * @param command      the command text
     * @param nextOffset   where the next line starts
     * @param nextNumber   the next line's number
     * @param unterminated the script ended while a backslash continuation was pending (iPXE: EINVAL)
     */
    record Line(int offset, int number, String label, String command, int nextOffset, int nextNumber,
            boolean unterminated) {
    }

    ScriptText(byte[] bytes) {
        this.bytes = bytes;
    }

    int length() {
        return bytes.length;
    }

    /** Reads the logical line starting at {@code offset}, which is physical line {@code number}. */
    Line read(int offset, int number) {
        byte[] buffer = new byte[64];
        int length = 0;
        int position = offset;
        int lines = 0;
        boolean unterminated = false;
        while (true) {
            int eol = indexOfNewline(position);
            int fragment = eol - position;
            if (length + fragment > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + fragment));
            }
            System.arraycopy(bytes, position, buffer, length, fragment);
            length += fragment;
            position = eol + 1;
            lines++;
            if (length > 0 && buffer[length - 1] == '\r') {
                length--;
            }
            if (length > 0 && buffer[length - 1] == '\\') {
                length--;
                if (position < bytes.length) {
                    continue;
                }
                unterminated = true;
            }
            break;
        }
        String text = decode(buffer, length);
        int i = 0;
        while (i < text.length() && Tokenizer.isSpace(text.charAt(i))) {
            i++;
        }
        String label = null;
        if (i < text.length() && text.charAt(i) == ':') {
            int start = ++i;
            while (i < text.length() && !Tokenizer.isSpace(text.charAt(i))) {
                i++;
            }
            label = text.substring(start, i);
            if (i < text.length()) {
                i++;
            }
        }
        return new Line(offset, number, label, text.substring(i), position, number + lines, unterminated);
    }

    /**
     * The first line labelled {@code label}, scanning from the top as iPXE's {@code goto} does.
     *
     * @return the line, or empty when there is none
     * @throws IllegalStateException when the scan hit an unterminated continuation first (iPXE: EINVAL)
     */
    synchronized Optional<Line> findLabel(String label) {
        if (labels == null) {
            labels = new HashMap<>();
            int offset = 0;
            int number = 1;
            do {
                Line line = read(offset, number);
                if (line.unterminated()) {
                    labelScanBroken = true;
                    break;
                }
                if (line.label() != null) {
                    labels.putIfAbsent(line.label(), line);
                }
                offset = line.nextOffset();
                number = line.nextNumber();
            } while (offset < bytes.length);
        }
        Line line = labels.get(label);
        if (line == null && labelScanBroken) {
            throw new IllegalStateException("backslash continuation at end of script");
        }
        return Optional.ofNullable(line);
    }

    private int indexOfNewline(int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    private static String decode(byte[] buffer, int length) {
        int end = 0;
        while (end < length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8);
    }
}
