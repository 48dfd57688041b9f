package io.github.xenpv.model;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for a misspelled element: the known name closest to what was written, when
 * it is close enough to be a slip of the keyboard. Distance counts inserted, deleted and replaced
 * letters and swapped neighbours (so {@code netwroks} is one step from {@code networks}), and
 * ignores case, since XML does not forgive {@code <bootdisk>} but a reader would.
 */
public final class NearestName {

    private NearestName() {
    }

    /**
     * The known name closest to what was written.
     *
     * @param written the element name as written
     * @param known the names that would have been right there
     * @return the closest of {@code known}; empty when none is within a third of its length (at
     *     least 1, at most 3)
     */
    public static Optional<String> to(String written, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(written.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance <= allowed(candidate) && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The known name that what was written shortens, such as {@code outputDirectory} for
     * {@code outputDir}: the one known name it begins (case ignored), when it is at least three
     * letters long and begins only one.
     *
     * @param written the element name as written
     * @param known the names that would have been right there
     * @return the one name it begins; empty when it begins none or several
     */
    public static Optional<String> completing(String written, Collection<String> known) {
        String prefix = written.toLowerCase(Locale.ROOT);
        if (prefix.length() < 3) {
            return Optional.empty();
        }
        List<String> completed = known.stream()
                .filter(candidate -> candidate.toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
        return completed.size() == 1 ? Optional.of(completed.get(0)) : Optional.empty();
    }

    private static int allowed(String candidate) {
        return Math.max(1, Math.min(3, candidate.length() / 3));
    }

    /** Optimal string alignment distance: Levenshtein plus the swap of two adjacent letters. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
