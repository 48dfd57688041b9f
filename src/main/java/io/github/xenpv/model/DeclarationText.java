package io.github.xenpv.model;

import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The {@code toString} of the declaration beans, as test failures and debuggers show them
 * ({@code Guest{name=web, arch=i686, ...}}; Maven's {@code -X} prints the {@code <guests>} XML
 * instead, which the plugin reads itself): only the elements the POM gave, in declaration order,
 * so the line shows what was bound. A value that is empty, holds a space or a
 * control character (a value pasted with its line break) is quoted with Java escapes, so one
 * declaration stays one line and a stray space is visible.
 */
final class DeclarationText {

    private DeclarationText() {
    }

    /**
     * @param type the element's bean name, e.g. {@code Guest}
     * @param namesAndValues element name, value, element name, value, ...; {@code null} values are left out
     */
    static String of(String type, Object... namesAndValues) {
        StringJoiner text = new StringJoiner(", ", type + "{", "}");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value != null) {
                text.add(namesAndValues[i] + "=" + shown(value));
            }
        }
        return text.toString();
    }

    private static String shown(Object value) {
        if (value instanceof String string) {
            return quotedIfNeeded(string);
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(DeclarationText::shown).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(entry -> shown(entry.getKey()) + "=" + shown(entry.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }

    private static String quotedIfNeeded(String value) {
        boolean plain = !value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '"');
        if (plain) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        value.chars().forEach(c -> {
            switch (c) {
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < ' ' || c == 0x7f || Character.getType(c) == Character.FORMAT
                            || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                        quoted.append(String.format("\\u%04x", c));
                    } else {
                        quoted.append((char) c);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }
}
