package io.jpxe.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScriptTextTest {

    private static ScriptText text(String s) {
        return new ScriptText(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void labelKeepsTheRestOfTheLineAsCommand() {
        ScriptText.Line line = text("  :menu  echo hi\n").read(0, 1);
        assertEquals("menu", line.label());
        assertEquals(" echo hi", line.command());
        assertEquals(2, line.nextNumber());
    }

    @Test
    void continuationJoinsWithoutSpaceAndCountsPhysicalLines() {
        ScriptText.Line line = text("echo a\\\r\n  b\nnext\n").read(0, 1);
        assertEquals("echo a  b", line.command());
        assertNull(line.label());
        assertEquals(3, line.nextNumber());
    }

    @Test
    void nulEndsTheLineText() {
        assertEquals("echo a", text("echo a\0b\n").read(0, 1).command());
    }

    @Test
    void firstMatchingLabelWins() {
        ScriptText script = text("#!ipxe\n:a echo 1\n:a echo 2\n");
        assertEquals(2, script.findLabel("a").orElseThrow().number());
        assertTrue(script.findLabel("b").isEmpty());
    }

    @Test
    void labelScanHittingABrokenContinuationIsAnError() {
        ScriptText script = text(":a\nx \\");
        assertEquals(1, script.findLabel("a").orElseThrow().number());
        assertThrows(IllegalStateException.class, () -> script.findLabel("missing"));
    }

    @Test
    void tokeniserFindsOperatorsAndCommentsOnRawWords() {
        List<Tokenizer.Segment> segments = Tokenizer.segments("a ${x} || b&&c ; #d && e");
        assertEquals(3, segments.size());
        assertEquals(List.of("a", "${x}"), segments.get(0).words());
        assertEquals(Tokenizer.Operator.OR, segments.get(0).next());
        assertEquals(List.of("b&&c"), segments.get(1).words());
        assertEquals(List.of(), segments.get(2).words());
        assertNull(segments.get(2).next());
    }
}
