package io.github.xenpv.model;

import java.util.regex.Pattern;

/**
 * Reads one declared value the way every rule reads it: trimmed, its default when the element is
 * absent or empty, and reported at its full path when it breaks its rule.
 */
final class Values {

    // compiled once: String.matches compiles its pattern on every call, for every guest of the fleet
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,9}");

    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    /** The trimmed text, or {@code null} when the element is absent or empty. */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /** @param why the rule, starting with "must be", which the missing-value message turns into "it is" */
    String required(String path, String value, Pattern rule, String why) {
        String text = text(value);
        if (text == null) {
            problems.error(path, "is required: it " + why.replaceFirst("^must be", "is"));
            return null;
        }
        return matching(path, text, rule, why);
    }

    String optional(String path, String value, Pattern rule, String fallback, String why) {
        String text = text(value);
        return text == null ? fallback : matching(path, text, rule, why);
    }

    private String matching(String path, String text, Pattern rule, String why) {
        if (!rule.matcher(text).matches()) {
            problems.error(path, "'" + text + "' " + why);
            return null;
        }
        return text;
    }

    /** The constant whose {@code toString()} is the value, as the POM spells it. */
    <E extends Enum<E>> E choice(String path, String value, Class<E> type, E fallback, String what) {
        String text = text(value);
        if (text == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equals(text)) {
                return constant;
            }
        }
        problems.error(path, "'" + text + "' is not allowed: " + what);
        return null;
    }

    boolean flag(String path, String value, boolean fallback) {
        String text = text(value);
        if (text == null) {
            return fallback;
        }
        if (!text.equals("true") && !text.equals("false")) {
            problems.error(path, "'" + text + "' is not a boolean: expected true or false");
            return fallback;
        }
        return Boolean.parseBoolean(text);
    }

    /** The whole number in {@code value} within min..max. */
    int number(String path, String value, int fallback, int min, int max, String what) {
        String text = text(value);
        if (text == null) {
            return fallback;
        }
        if (!WHOLE_NUMBER.matcher(text).matches() || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
            problems.error(path, "'" + text + "' is out of range: " + what + " must be a whole number from " + min
                    + " to " + max);
            return fallback;
        }
        return Integer.parseInt(text);
    }

    /** Why an absolute path is not in normal form, or {@code null} when it is. */
    static String pathProblem(String path) {
        if (path.contains("//")) {
            return "has an empty segment";
        }
        if (path.length() > 1 && path.endsWith("/")) {
            return "ends with '/'";
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return "has a '" + segment + "' segment";
            }
        }
        return null;
    }

    /** The {@link #pathProblem} as the end of a message, empty when there is none. */
    static String reason(String problem) {
        return problem == null ? "" : " (this one " + problem + ")";
    }
}
