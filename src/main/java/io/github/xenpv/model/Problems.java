package io.github.xenpv.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The errors and warnings of one validation run, each at the path of the POM element that holds
 * the value, as a user reads it ({@code guests/guest[web]/disks/disk[2]/device}).
 */
final class Problems {

    /** Checks one element of a declared list; {@code null} drops it from the result. */
    @FunctionalInterface
    interface ElementCheck<T, R> {
        R check(String path, int index, T declared);
    }

    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    void error(String path, String message) {
        errors.add(new Problem(path, message));
    }

    void warning(String path, String message) {
        warnings.add(new Problem(path, message));
    }

    /** How many errors so far: a check compares it before and after to see whether its part failed. */
    int errorCount() {
        return errors.size();
    }

    List<Problem> errors() {
        return errors;
    }

    List<Problem> warnings() {
        return warnings;
    }

    /** Records {@code value} under {@code path}, or reports it as taken with the first path that took it. */
    void unique(Map<String, String> seen, String value, String path, String why) {
        unique(seen, value, path, "", why);
    }

    /**
     * The same, for a value at {@code path} of the module {@code where} says ({@code " in module
     * web-tier"}, empty for this module's own): that is how others name it when it was first.
     */
    void unique(Map<String, String> seen, String value, String path, String where, String why) {
        String first = seen.putIfAbsent(value, path + where);
        if (first != null) {
            error(path, "'" + value + "' is also at " + first + ": " + why);
        }
    }

    /**
     * Checks every element of a declared list, naming element {@code i} (from 0) as
     * {@code <listPath>/<element>[i + 1]}, the way a user counts them in the POM; the results that
     * are not {@code null}, in order.
     */
    static <T, R> List<R> each(String listPath, String element, List<T> declared, ElementCheck<T, R> check) {
        List<R> checked = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            R result = check.check(listPath + "/" + element + "[" + (i + 1) + "]", i, declared.get(i));
            if (result != null) {
                checked.add(result);
            }
        }
        return checked;
    }
}
