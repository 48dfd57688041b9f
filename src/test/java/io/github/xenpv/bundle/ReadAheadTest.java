package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.ValidGuest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: while the build checks its guests, it reads ahead the records and file states of the
 * guests an earlier build wrote. What the build then does must be exactly what it does without
 * reading ahead: guests unchanged, edited by hand, holding a file of the user's, no longer
 * declared, a record that is a link; and the reading ends before the first write, or when closed,
 * leaving no thread behind.
 *
 * <p>What this cannot show: a file changed between the look ahead and the write. That change is
 * missed, as one made between a look without reading ahead and the write is.
 */
class ReadAheadTest {

    private static final byte[] PLUGIN = "plugin build 1".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;

    private static ValidGuest guest(String name, int number) {
        Guest guest = SeedGuest.declaration();
        guest.setName(name);
        guest.getNetworks().get(0).setMac("00:16:3e:00:00:0" + number);
        guest.getBootDisk().setSource("/images/" + name + ".dsk");
        guest.getDisks().get(0).setSource("/images/" + name + "-data.dsk");
        return SeedGuest.validOnly(guest);
    }

    private static final List<ValidGuest> EARLIER = List.of(guest("web", 1), guest("db", 2), guest("old", 3), guest("mail", 4));
    /** The guests declared now: old is gone. */
    private static final List<ValidGuest> NOW = List.of(EARLIER.get(0), EARLIER.get(1), EARLIER.get(3));

    private static BundleGenerator generator(Path output) {
        return new BundleGenerator(output, null, PLUGIN);
    }

    /** An earlier build, then: db's fstab edited by hand, notes of the user's beside web's files, old no longer declared. */
    private static void earlierBuildAndChanges(Path output) throws Exception {
        generator(output).generate(EARLIER);
        Files.writeString(output.resolve("db/guest/etc/fstab"), "edited by hand\n");
        Files.writeString(output.resolve("web/guest/etc/notes"), "the user's\n");
    }

    @Test
    void aBuildThatReadsAheadDoesWhatOneThatDoesNot() throws Exception {
        Path plain = work.resolve("plain");
        Path ahead = work.resolve("ahead");
        earlierBuildAndChanges(plain);
        earlierBuildAndChanges(ahead);

        BundleWriter.Report expected = generator(plain).generate(NOW);
        BundleGenerator generator = generator(ahead);
        BundleWriter.Report report;
        try (BundleWriter.ReadAhead reading = generator.readAhead()) {
            report = generator.generate(NOW);
            assertEquals(List.of(), readAheadThreads(), "the reading ends before the first write");
        }
        assertEquals(expected.toString().replace(plain.toString(), "OUT"), report.toString().replace(ahead.toString(), "OUT"));
        assertEquals(List.of("db"), report.rendered());
        assertEquals(1, report.pruned().size());
        assertEquals(1, report.kept().size());

        // and once more, with nothing changed since: every guest as read ahead, none rendered
        BundleGenerator again = generator(ahead);
        try (BundleWriter.ReadAhead reading = again.readAhead()) {
            BundleWriter.Report unchanged = again.generate(NOW);
            assertEquals(List.of(), unchanged.rendered());
            assertEquals(List.of(), unchanged.written());
            assertEquals(expected.kept().toString().replace(plain.toString(), "OUT"),
                    unchanged.kept().toString().replace(ahead.toString(), "OUT"));
        }
    }

    @Test
    void aRecordTheBuildMayNotReadFailsTheBuildAsWithoutReadingAhead() throws Exception {
        Path output = work.resolve("xenpv");
        generator(output).generate(EARLIER);
        Path record = output.resolve(".xenpv-written/db.bundle");
        Path elsewhere = work.resolve("db.bundle");
        Files.move(record, elsewhere);
        Files.createSymbolicLink(record, elsewhere);

        String without = assertThrows(ForeignFileException.class, () -> generator(output).generate(NOW)).getMessage();
        BundleGenerator generator = generator(output);
        try (BundleWriter.ReadAhead reading = generator.readAhead()) {
            assertEquals(without, assertThrows(ForeignFileException.class, () -> generator.generate(NOW)).getMessage());
        }
        assertEquals(List.of(), readAheadThreads());
    }

    /** With hundreds of guests to read, the thread is still reading when closed: closing waits for it. */
    @Test
    void closingStopsTheReadingAndTheBuildThenReadsForItself() throws Exception {
        Path output = work.resolve("xenpv");
        List<ValidGuest> many = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Guest guest = SeedGuest.declaration();
            guest.setName("g" + i);
            guest.getNetworks().get(0).setMac(String.format("00:16:3e:00:%02x:%02x", i / 256, i % 256));
            guest.getBootDisk().setSource("/images/g" + i + ".dsk");
            guest.getDisks().get(0).setSource("/images/g" + i + "-data.dsk");
            many.add(SeedGuest.validOnly(guest));
        }
        generator(output).generate(many);
        BundleGenerator generator = generator(output);
        generator.readAhead().close();
        assertEquals(List.of(), readAheadThreads());
        assertEquals(List.of(), generator.generate(many).rendered());
    }

    private static List<String> readAheadThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("xenpv-read-ahead") && thread.isAlive())
                .map(Thread::toString).toList();
    }
}
