package io.jpxe.script.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * iPXE's command-line tokeniser ({@code exec.c: split_command}, {@code command_terminator}): words
 * separated by runs of C whitespace, no quoting or escapes; a word starting with {@code #} starts a
 * comment; the words {@code ||}, {@code &&} and {@code ;} end a command. Operators and comments are
 * found on the raw words, before any {@code ${...}} expansion.
 */
final class Tokenizer {

    /** How the next segment is chosen after a segment ran with status {@code rc}. */
    enum Operator {
        OR, AND, ALWAYS;

        boolean runNext(int rc) {
            return switch (this) {
                case OR -> rc != 0;
                case AND -> rc == 0;
                case ALWAYS -> true;
            };
        }
    }

    /**
     * One command of a line.
     *
     * @param words the raw words (possibly none)
     * @param next  the operator after it, or {@code null} at the end of the line
     */
    record Segment(List<String> words, Operator next) {
    }

    private Tokenizer() {
    }

    /** C's {@code isspace}. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && isSpace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !isSpace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(line.substring(start, i));
            }
        }
        return words;
    }

    /** The line's segments in order; a comment ends the last one. */
    static List<Segment> segments(String line) {
        List<String> words = words(line);
        List<Segment> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= words.size(); i++) {
            String word = i < words.size() ? words.get(i) : null;
            Operator op = word == null ? null : switch (word) {
                case "||" -> Operator.OR;
                case "&&" -> Operator.AND;
                case ";" -> Operator.ALWAYS;
                default -> null;
            };
            if (word == null || word.startsWith("#")) {
                segments.add(new Segment(words.subList(start, i), null));
                return segments;
            }
            if (op != null) {
                segments.add(new Segment(words.subList(start, i), op));
                start = i + 1;
            }
        }
        return segments;
    }
}
