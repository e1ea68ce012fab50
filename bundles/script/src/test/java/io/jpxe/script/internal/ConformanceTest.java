package io.jpxe.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jpxe.api.console.Console;
import io.jpxe.testkit.RecordingConsole;

/**
 * The script-language conformance suite: every {@code conformance/NAME.ipxe} is run by the real
 * engine with the real settings tree and commands; its standard output must equal {@code NAME.out},
 * its status the {@code # expect-status: N} header, and its error output {@code NAME.err} when that
 * file exists. The cases follow {@code script-language.md} §1–§10, one rule group per script.
 */
class ConformanceTest {
    private static final String DIRECTORY = "conformance";
    /** {@code # keys: m DOWN ENTER}: keys the console delivers, then its input is closed. */
    private static final Pattern KEYS = Pattern.compile("^# keys: (.*?)\\r?$", Pattern.MULTILINE);
    /** {@code # lines: a|b}: lines the console answers to line reads, then its input is closed. */
    private static final Pattern LINES = Pattern.compile("^# lines: (.*?)\\r?$", Pattern.MULTILINE);
    private static final Pattern STATUS = Pattern.compile("^# expect-status: (-?\\d+)\\r?$", Pattern.MULTILINE);

    static Stream<String> scripts() throws IOException, URISyntaxException {
        URL url = ConformanceTest.class.getResource("/" + DIRECTORY);
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipxe"))
                    .map(n -> n.substring(0, n.length() - ".ipxe".length())).sorted().toList();
            assertFalse(names.isEmpty(), "no conformance scripts found");
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void scriptBehavesAsIpxe(String name) throws IOException {
        String script = text(name + ".ipxe");
        Matcher status = STATUS.matcher(script);
        assertTrue(status.find(), name + ".ipxe has no '# expect-status: N' header");

        RecordingConsole console = new RecordingConsole()
                .lines(header(script, LINES).map(l -> l.split("\\|", -1)).orElse(new String[0]))
                .keys(header(script, KEYS).map(ConformanceTest::keys).orElse(new int[0]));
        Harness harness = new Harness(console, n -> Harness.resource(DIRECTORY + "/" + n));
        int actual = harness.engine.run(Harness.resource(DIRECTORY + "/" + name + ".ipxe"), null);

        assertEquals(text(name + ".out"), harness.console.printed(),
                "standard output of " + name + " (errors: " + harness.console.errors() + ")");
        assertEquals(Integer.parseInt(status.group(1)), actual, "status of " + name
                + " (errors: " + harness.console.errors() + ")");
        String expectedErrors = textIfPresent(name + ".err");
        if (expectedErrors != null) {
            assertEquals(expectedErrors, harness.console.errors(), "error output of " + name);
        }
    }

    private static Optional<String> header(String script, Pattern pattern) {
        Matcher m = pattern.matcher(script);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Key names of a {@code # keys:} header: one character, or ENTER, UP, DOWN, ESC, CTRLC, SPACE. */
    private static int[] keys(String names) {
        String[] split = names.trim().split("\\s+");
        int[] codes = new int[split.length];
        for (int i = 0; i < split.length; i++) {
            String name = split[i];
            codes[i] = switch (name) {
                case "ENTER" -> Console.Keys.ENTER;
                case "UP" -> Console.Keys.UP;
                case "DOWN" -> Console.Keys.DOWN;
                case "ESC" -> Console.Keys.ESC;
                case "CTRLC" -> Console.Keys.CTRL_C;
                case "SPACE" -> (int) ' ';
                default -> {
                    assertEquals(1, name.length(), "unknown key name " + name);
                    yield (int) name.charAt(0);
                }
            };
        }
        return codes;
    }

    private static String text(String file) throws IOException {
        String text = textIfPresent(file);
        if (text == null) {
            throw new IOException("missing " + DIRECTORY + "/" + file);
        }
        return text;
    }

    private static String textIfPresent(String file) throws IOException {
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/" + DIRECTORY + "/" + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
