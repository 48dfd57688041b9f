package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A no-op build checks the record's folders against {@code OwnedFiles.folders}, which names them
 * without the names each holds; a build that lists folders uses {@code OwnedFiles.entries}. Both must
 * name the same folders for every set of paths, or a no-op would walk a guest folder, or trust one,
 * that a writing build sees otherwise.
 */
class FolderNamesTest {

    private static final String[] SEGMENTS = {"guest", "etc", "rc.d", "dom0", "xen", "a", "b", "usr", "local", "sbin"};

    @Test
    void foldersNamesExactlyTheFoldersWhoseEntriesAreListed() {
        Random random = new Random(20261207L);
        for (int round = 0; round < 5_000; round++) {
            List<String> paths = new ArrayList<>();
            for (int file = random.nextInt(15); file > 0; file--) {
                StringBuilder path = new StringBuilder(SEGMENTS[random.nextInt(SEGMENTS.length)]);
                for (int depth = random.nextInt(5); depth > 0; depth--) {
                    path.append('/').append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
                }
                paths.add(path.toString());
            }
            assertEquals(OwnedFiles.entries(paths).keySet(), OwnedFiles.folders(paths), paths::toString);
        }
    }

    @Test
    void theGuestFolderIsAlwaysOneAndAFileAtTheTopNeedsNoOther() {
        assertEquals(Set.of("."), OwnedFiles.folders(List.of()));
        assertEquals(Set.of("."), OwnedFiles.folders(List.of("README.txt", "SHA256SUMS")));
        assertEquals(Set.of(".", "guest", "guest/etc", "guest/etc/rc.d"),
                OwnedFiles.folders(List.of("guest/etc/rc.d/rc.local", "guest/etc/fstab")));
    }
}
