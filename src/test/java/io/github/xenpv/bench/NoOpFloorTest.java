package io.github.xenpv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.fixtures.SeedGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The no-op's floor looks at what a no-op looks at: each record, and every file and folder of each guest folder. */
class NoOpFloorTest {

    @TempDir
    Path output;

    @Test
    void looksAtEveryEntryOfEachGuestFolderOnAnyNumberOfThreads() throws Exception {
        new BundleGenerator(output, null).generate(List.of(SeedGuest.valid()));
        long entries;
        long entryBytes;
        try (Stream<Path> tree = Files.walk(output.resolve(SeedGuest.valid().name()))) {
            List<Path> all = tree.toList();
            entries = all.size();
            entryBytes = 0;
            for (Path entry : all) {
                entryBytes += Files.size(entry);
            }
        }
        long recordBytes = Files.size(output.resolve(".xenpv-written/" + SeedGuest.valid().name() + ".bundle"));

        List<NoOpFloor.Guest> guests = NoOpFloor.guests(output);

        assertEquals(1, guests.size());
        assertEquals(output.resolve(".xenpv-written/" + SeedGuest.valid().name() + ".bundle"), guests.get(0).record());
        assertEquals(List.of(output.resolve(SeedGuest.valid().name())), guests.get(0).folders().subList(0, 1),
                "the guest folder itself first");
        assertTrue(guests.get(0).folders().stream().allMatch(Files::isDirectory), "folders: " + guests.get(0).folders());
        assertTrue(guests.get(0).files().stream().allMatch(Files::isRegularFile), "files: " + guests.get(0).files());
        for (int threads = 1; threads <= 3; threads++) {
            assertEquals(new NoOpFloor.Looked(recordBytes, entries, entryBytes), NoOpFloor.look(guests, threads),
                    threads + " threads");
        }
    }

    @Test
    void anEntryGoneSinceTheListingFailsTheMeasurementRatherThanCountingAsLookedAt() throws Exception {
        new BundleGenerator(output, null).generate(List.of(SeedGuest.valid()));
        List<NoOpFloor.Guest> guests = NoOpFloor.guests(output);
        Files.delete(output.resolve(SeedGuest.valid().name()).resolve("README.txt"));

        assertThrows(ExecutionException.class, () -> NoOpFloor.look(guests, 2));
    }
}
