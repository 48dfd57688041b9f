package io.github.xenpv.xm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.checkers.MiniJson;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader against the real thing: random configs of literals, written in every way Python
 * allows (both quotes, triple quotes, raw and u prefixes, escapes, adjacent strings, trailing
 * commas, comments and blank lines inside brackets, backslash continuations, semicolons), must
 * read to the same values as Python's own {@code exec} gives them. Python 3 stands in for xm's
 * Python 2: the generator keeps to the literals both read alike (no {@code 010} octals, no
 * {@code \\u} outside u-strings, no {@code L} suffix), which the unit tests cover for Python 2 alone.
 *
 * <p>Seeded: {@code -Dxenpv.seed=N} repeats a run; a failure prints its seed.
 */
class DomainConfigReaderPythonTest {

    private static final int CONFIGS = 150;

    @TempDir
    Path folder;

    @Test
    void readsRandomLiteralConfigsAsPythonDoes() throws Exception {
        long seed = Long.getLong("xenpv.seed", System.nanoTime());
        Random random = new Random(seed);
        List<Path> files = new ArrayList<>();
        List<Map<String, Object>> expected = new ArrayList<>();
        for (int i = 0; i < CONFIGS; i++) {
            Config config = new Config(random);
            Path file = folder.resolve("config" + i);
            Files.writeString(file, config.text(), StandardCharsets.UTF_8);
            files.add(file);
            expected.add(config.values());
        }
        List<Object> python = python(files);
        for (int i = 0; i < CONFIGS; i++) {
            String text = Files.readString(files.get(i));
            String context = "seed " + seed + " (rerun with -Dxenpv.seed=" + seed + "), config " + i + ":\n" + text;
            assertEquals(python.get(i), expected.get(i), "Python and the generator disagree; " + context);
            assertEquals(expected.get(i), read(text), "the reader and Python disagree; " + context);
        }
    }

    /** What the reader makes of a file, in the shape Python's JSON dump has. */
    private static Map<String, Object> read(String text) throws XmSyntaxError {
        DomainConfig config = DomainConfigReader.read(text);
        Map<String, Object> values = new TreeMap<>();
        for (DomainConfig.Assignment assignment : config.assignments()) {
            values.put(assignment.key(), json(assignment.value()));
        }
        return values;
    }

    private static Object json(XmValue value) {
        if (value instanceof XmValue.Text text) {
            return text.text();
        }
        if (value instanceof XmValue.Number number) {
            return number.number().longValueExact();
        }
        if (value instanceof XmValue.Items items) {
            return items.items().stream().map(DomainConfigReaderPythonTest::json).toList();
        }
        if (value instanceof XmValue.Constant constant) {
            return constant.name().equals("None") ? null : (Object) constant.name().equals("True");
        }
        throw new AssertionError("not read as a literal: " + value);
    }

    private static List<Object> python(List<Path> files) throws IOException, InterruptedException {
        Path python = Checkers.require(Checkers.Tool.PYTHON3);
        String script = """
                import json, sys
                out = []
                for f in sys.argv[1:]:
                    d = {}
                    exec(compile(open(f, encoding='utf-8').read(), f, 'exec'), {}, d)
                    out.append({k: (list(v) if isinstance(v, tuple) else v) for k, v in sorted(d.items())})
                def fix(v):
                    if isinstance(v, (list, tuple)):
                        return [fix(x) for x in v]
                    return v
                print(json.dumps([{k: fix(v) for k, v in o.items()} for o in out]))
                """;
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c", script));
        files.forEach(file -> command.add(file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), stderr);
        @SuppressWarnings("unchecked")
        List<Object> parsed = (List<Object>) MiniJson.parse(stdout);
        return parsed;
    }

    /** A random config of literals and the values it must give. */
    private static final class Config {
        private final Random random;
        private final StringBuilder text = new StringBuilder();
        private final Map<String, Object> values = new TreeMap<>();

        Config(Random random) {
            this.random = random;
            if (random.nextBoolean()) {
                text.append("# generated by a test\n\n");
            }
            int statements = 1 + random.nextInt(8);
            for (int i = 0; i < statements; i++) {
                String key = "k" + i + (random.nextBoolean() ? "_" + Integer.toString(random.nextInt(999), 36) : "");
                Object value = value(0);
                text.append(key).append(pick(" = ", "=", "  =\t")).append(literal(value, false));
                values.put(key, value);
                text.append(pick("\n", "\n", "  # note 'quoted' \"x\" \\\n", "\n\n", i + 1 < statements ? "; " : "\n"));
            }
            text.append('\n');
        }

        String text() {
            return text.toString();
        }

        Map<String, Object> values() {
            return values;
        }

        private String pick(String... choices) {
            return choices[random.nextInt(choices.length)];
        }

        private Object value(int depth) {
            int kind = random.nextInt(depth < 2 ? 6 : 4);
            return switch (kind) {
                case 0, 1 -> randomText();
                case 2 -> random.nextInt(4) == 0 ? (long) random.nextInt() : (long) random.nextInt(100000);
                case 3 -> random.nextInt(3) == 0 ? null : random.nextBoolean();
                default -> {
                    List<Object> items = new ArrayList<>();
                    for (int i = random.nextInt(5); i > 0; i--) {
                        items.add(value(depth + 1));
                    }
                    yield items;
                }
            };
        }

        private String randomText() {
            String alphabet = "abcXYZ019 _-,:=/.'\"\\\t\n#()[]{}é";
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(25); i > 0; i--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return value.toString();
        }

        private String literal(Object value, boolean inBrackets) {
            if (value == null) {
                return "None";
            }
            if (value instanceof Boolean flag) {
                return flag ? "True" : "False";
            }
            if (value instanceof Long number) {
                if (number >= 0 && random.nextInt(3) == 0) {
                    return pick("0x", "0X") + Long.toHexString(number);
                }
                if (number >= 0 && random.nextInt(4) == 0) {
                    return "0o" + Long.toOctalString(number);
                }
                return (number < 0 ? "-" + pick("", " ") + -number : pick("", "+") + number);
            }
            if (value instanceof String string) {
                return string(string, inBrackets);
            }
            List<?> items = (List<?>) value;
            boolean tuple = random.nextInt(4) == 0 && !items.isEmpty();
            StringBuilder list = new StringBuilder(tuple ? "(" : "[").append(pick("", " ", "\n  ", " # c\n"));
            for (int i = 0; i < items.size(); i++) {
                list.append(literal(items.get(i), true));
                if (i + 1 < items.size() || tuple && items.size() == 1 || random.nextBoolean()) {
                    list.append(',').append(pick("", " ", "\n    ", "  # item ]\n", " \\\n "));
                }
            }
            return list.append(pick("", " ", "\n")).append(tuple ? ")" : "]").toString();
        }

        private String string(String value, boolean inBrackets) {
            if (value.length() > 2 && random.nextInt(4) == 0) {
                int cut = 1 + random.nextInt(value.length() - 1);
                String gap = inBrackets ? pick(" ", "", "\n  ", " # gap\n ") : pick(" ", "", " \\\n  ");
                return string(value.substring(0, cut), inBrackets) + gap + string(value.substring(cut), inBrackets);
            }
            boolean plain = value.chars().noneMatch(c -> c == '\\' || c == '\'' || c == '"' || c == '\n' || c == '\t');
            if (plain && random.nextInt(3) == 0) {
                String quote = pick("'", "\"");
                return pick("r", "R") + quote + value + quote;
            }
            String prefix = pick("", "", "", "u");
            int style = random.nextInt(4);
            String quote = switch (style) {
                case 0 -> "'";
                case 1 -> "\"";
                case 2 -> "'''";
                default -> "\"\"\"";
            };
            StringBuilder literal = new StringBuilder(prefix).append(quote);
            for (char c : value.toCharArray()) {
                literal.append(escaped(c, quote));
            }
            return literal.append(quote).toString();
        }

        private String escaped(char c, String quote) {
            boolean triple = quote.length() == 3;
            if (c == '\\') {
                return "\\\\";
            }
            if (c == quote.charAt(0)) {
                return "\\" + c;
            }
            if (c == '\n') {
                return triple && random.nextBoolean() ? "\n" : pick("\\n", "\\012", "\\x0a");
            }
            if (c == '\t') {
                return pick("\t", "\\t", "\\x09", "\\011");
            }
            if (c == '\'' || c == '"') {
                // the other quote: bare in a one-quote string, escaped or not in a triple one
                return triple ? "\\" + c : pick(String.valueOf(c), "\\" + c);
            }
            if (c < 0x80 && random.nextInt(12) == 0) {
                return random.nextBoolean() ? String.format("\\x%02x", (int) c) : String.format("\\%03o", (int) c);
            }
            return String.valueOf(c);
        }
    }
}
