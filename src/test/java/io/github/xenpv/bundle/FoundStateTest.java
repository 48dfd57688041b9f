package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code Found.inState} reads a recorded state in place instead of making the entry's own state's
 * text: it must say exactly what comparing with that text says, for every value and every near miss.
 */
class FoundStateTest {

    private static final long[] EDGES = {0, 1, -1, 9, 10, -10, 99, 100, 4096, 1_767_225_600_000_000_000L,
            -1_767_225_600_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1};

    @Test
    void aStateIsReadInPlaceExactlyAsItsTextCompares() {
        Random random = new Random(20261207L);
        for (int round = 0; round < 20_000; round++) {
            OwnedFiles.Found found = new OwnedFiles.Found('f', value(random), 0644, value(random),
                    random.nextInt(8) == 0 ? -1 : value(random), random.nextInt(8) == 0 ? -1 : value(random));
            for (String candidate : candidates(found, new OwnedFiles.Found('f', value(random), 0644, value(random),
                    value(random), value(random)), random)) {
                boolean expected = candidate != null && candidate.equals(found.state());
                assertEquals(expected, found.inState(candidate), () -> found + " against " + candidate);
            }
        }
    }

    @Test
    void anUnknownStateIsNeverMatched() {
        OwnedFiles.Found found = new OwnedFiles.Found('f', 12, 0644, 5, -1, 7);
        assertFalse(found.inState("12.5.-1.7"), "a change time the file system does not give proves nothing");
        assertFalse(found.inState(null));
        assertTrue(new OwnedFiles.Found('d', 4096, 0755, -3, 2, 7).inState("4096.-3.2.7"));
    }

    private static long value(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> EDGES[random.nextInt(EDGES.length)];
            case 1 -> random.nextInt(2000) - 1000;
            default -> random.nextLong() >> random.nextInt(64);
        };
    }

    /** The entry's own state, another entry's, and near misses of its text: every edit that keeps it one line. */
    private static List<String> candidates(OwnedFiles.Found found, OwnedFiles.Found other, Random random) {
        String exact = String.valueOf(found.size()) + "." + found.modified() + "." + found.changed() + "." + found.inode();
        List<String> candidates = new ArrayList<>(List.of(exact, String.valueOf(other.state()), "", ".", "...",
                exact + ".", "." + exact, exact + "0", "0" + exact, "+" + exact, "-" + exact, exact.replace(".", "..")));
        candidates.add(null);
        for (int i = 0; i < 6; i++) {
            int at = random.nextInt(exact.length() + 1);
            String inserted = String.valueOf("0123456789.-+ a".charAt(random.nextInt(15)));
            candidates.add(exact.substring(0, at) + inserted + exact.substring(at));
            if (at < exact.length()) {
                candidates.add(exact.substring(0, at) + exact.substring(at + 1));
                candidates.add(exact.substring(0, at) + inserted + exact.substring(at + 1));
            }
        }
        // every prefix: cut short anywhere, at the end of a field too
        for (int end = 0; end < exact.length(); end++) {
            candidates.add(exact.substring(0, end));
        }
        // each field with a leading zero, as -0, or empty
        String[] fields = exact.split("\\.", -1);
        for (int i = 0; i < fields.length; i++) {
            String[] changed = fields.clone();
            changed[i] = fields[i].startsWith("-") ? "-0" + fields[i].substring(1) : "0" + fields[i];
            candidates.add(String.join(".", changed));
            changed[i] = "-0";
            candidates.add(String.join(".", changed));
            changed[i] = "";
            candidates.add(String.join(".", changed));
        }
        return candidates;
    }
}
