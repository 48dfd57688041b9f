package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code Found.inState} and {@code Found.inFolderState} read a recorded state in place instead of
 * making the entry's own state's text: they must say exactly what comparing with that text says, for
 * every value and every near miss.
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
            String exact = String.valueOf(found.size()) + "." + found.modified() + "." + found.changed() + "." + found.inode();
            for (String candidate : candidates(exact, String.valueOf(new OwnedFiles.Found('f', value(random), 0644,
                    value(random), value(random), value(random)).state()), random)) {
                boolean expected = candidate != null && candidate.equals(found.state());
                assertEquals(expected, found.inState(candidate), () -> found + " against " + candidate);
            }
        }
    }

    @Test
    void aFolderStateIsReadInPlaceExactlyAsItsTextCompares() {
        Random random = new Random(20261208L);
        for (int round = 0; round < 20_000; round++) {
            OwnedFiles.Found folder = new OwnedFiles.Found('d', value(random), -1, value(random), -1, -1);
            String exact = folder.size() + "." + folder.modified();
            assertEquals(exact, folder.folderState());
            for (String candidate : candidates(exact, new OwnedFiles.Found('d', value(random), -1, value(random), -1, -1)
                    .folderState(), random)) {
                boolean expected = candidate != null && candidate.equals(exact);
                assertEquals(expected, folder.inFolderState(candidate), () -> folder + " against " + candidate);
            }
        }
    }

    /**
     * A folder's look has no change time, which must not pass for one with fractions of a second: a
     * folder whose time is a whole second has settled only once a whole-second file system's tick
     * (three seconds, with FAT's two) lies behind it, like a file whose times both are.
     */
    @Test
    void aFolderWithAWholeSecondTimeSettlesAsAFileWhoseTimesBothAre() {
        long second = 1_767_225_600_000_000_000L;
        OwnedFiles.Found folder = new OwnedFiles.Found('d', 4096, -1, second, -1, -1);
        OwnedFiles.Found file = new OwnedFiles.Found('f', 12, 0644, second, second, 7);
        for (long after : new long[] {150_000_000L, 2_999_000_000L, 3_001_000_000L}) {
            assertEquals(file.settled(second + after), folder.settled(second + after), "after " + after + " ns");
        }
        assertFalse(folder.settled(second + 150_000_000L));
        assertTrue(folder.settled(second + 3_001_000_000L));
        OwnedFiles.Found fractions = new OwnedFiles.Found('d', 4096, -1, second + 1, -1, -1);
        assertTrue(fractions.settled(second + 150_000_000L), "a time with fractions settles after a tick");
    }

    @Test
    void anUnknownStateIsNeverMatched() {
        OwnedFiles.Found found = new OwnedFiles.Found('f', 12, 0644, 5, -1, 7);
        assertFalse(found.inState("12.5.-1.7"), "a change time the file system does not give proves nothing");
        assertFalse(found.inState(null));
        assertTrue(new OwnedFiles.Found('d', 4096, 0755, -3, 2, 7).inState("4096.-3.2.7"));
        assertFalse(new OwnedFiles.Found('d', 4096, -1, 5, -1, -1).inFolderState(null));
    }

    private static long value(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> EDGES[random.nextInt(EDGES.length)];
            case 1 -> random.nextInt(2000) - 1000;
            default -> random.nextLong() >> random.nextInt(64);
        };
    }

    /** The entry's own state's text, another entry's, and near misses of it: every edit that keeps it one line. */
    private static List<String> candidates(String exact, String other, Random random) {
        List<String> candidates = new ArrayList<>(List.of(exact, other, "", ".", "...",
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
