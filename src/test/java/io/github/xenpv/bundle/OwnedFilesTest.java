package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write path of one guest folder, step by step as a build takes it (plan, write, finish, and
 * the clean-up of a guest no longer declared): what is removed and what stays, what the record
 * says between the steps and after them, and {@link OwnedFiles#writeWhole} for single files.
 */
class OwnedFilesTest {

    private static final String INPUTS = "a".repeat(64);

    @TempDir
    Path work;

    private Path guestFolder() {
        return work.resolve("xenpv/guest");
    }

    private Path recordFile() {
        return WriteRecord.fileOf(work.resolve("xenpv"), "guest", BundleWriter.RECORD_SUFFIX);
    }

    private OwnedFiles open() throws IOException {
        return new OwnedFiles(guestFolder(), recordFile(), "the owner", true);
    }

    private static RenderedFile file(String path, String text) {
        return new RenderedFile(path, text.getBytes(StandardCharsets.UTF_8), false);
    }

    private static List<String> sums(List<RenderedFile> files) {
        return files.stream().map(file -> Checksums.sha256(file.content())).toList();
    }

    private OwnedFiles.Plan plan(OwnedFiles owned, Staging staging, RenderedFile... files) throws IOException {
        OwnedFiles.Plan plan = owned.plan(List.of(files), sums(List.of(files)), staging);
        assertEquals(List.of(), plan.conflicts());
        return plan;
    }

    /** Plans, writes and records the files as a build does. */
    private OwnedFiles.Outcome build(RenderedFile... files) throws IOException {
        OwnedFiles owned = open();
        try (Staging staging = new Staging(work)) {
            OwnedFiles.Plan plan = plan(owned, staging, files);
            OwnedFiles.Outcome outcome = owned.write(plan);
            owned.finish(plan, INPUTS);
            return outcome;
        }
    }

    /**
     * The record's folders are looked at in name order, and a name may sort before the guest
     * folder's {@code .}: a recorded folder deleted, or a file in its place, still means a rebuild.
     */
    @Test
    void aRecordedFolderDeletedIsSeenWhateverItsName() throws IOException {
        build(file("-first/a", "a"), file("b", "b"));
        assertNotNull(open().unchanged(INPUTS), "nothing changed yet");
        Files.delete(guestFolder().resolve("-first/a"));
        Files.delete(guestFolder().resolve("-first"));

        assertNull(open().unchanged(INPUTS));
    }

    @Test
    void aFileInPlaceOfARecordedFolderIsSeenWhateverItsName() throws IOException {
        build(file("-first/a", "a"), file("b", "b"));
        assertNotNull(open().unchanged(INPUTS), "nothing changed yet");
        Files.delete(guestFolder().resolve("-first/a"));
        Files.delete(guestFolder().resolve("-first"));
        Files.writeString(guestFolder().resolve("-first"), "the user's file");

        assertNull(open().unchanged(INPUTS));
    }

    @Test
    void aFileNoLongerWrittenTakesTheFolderItEmptiedButNeverTheGuestFolder() throws IOException {
        build(file("kept", "k"), file("sub/deeper/gone", "g"));

        OwnedFiles.Outcome outcome = build(file("kept", "k"));
        assertEquals(List.of(guestFolder().resolve("sub/deeper/gone")), outcome.removed());
        assertFalse(Files.exists(guestFolder().resolve("sub")), "a folder the removal emptied was left behind");
        assertEquals(List.of("kept"), listing(guestFolder()));
    }

    @Test
    void anUndeclaredGuestsFolderGoesWholeWithTheFoldersItsRemovalEmptied() throws IOException {
        build(file("kept", "k"), file("sub/file", "f"));

        OwnedFiles.Outcome outcome = open().removeAll();
        assertEquals(List.of(guestFolder().resolve("kept"), guestFolder().resolve("sub/file")), outcome.removed());
        assertFalse(Files.exists(guestFolder()), "the emptied guest folder was left behind");
        assertFalse(Files.exists(recordFile()));
    }

    /**
     * A record that goes between the listing of the records and its reading (another build into the
     * same folder cleaned up after the guest) leaves nothing to clean up: it failed with a
     * {@code NullPointerException}.
     */
    @Test
    void aRecordGoneSinceTheListingLeavesNothingToCleanUp() throws IOException {
        build(file("kept", "k"));
        Map<String, OwnedFiles.Outcome> outcomes = OwnedFiles.removeUndeclared(work.resolve("xenpv"),
                BundleWriter.RECORD_SUFFIX, Set.of(), "the owner", guestName -> {
                    OwnedFiles other = open();
                    other.removeAll();
                    return open();
                });
        assertEquals(Map.of(), outcomes);
        assertFalse(Files.exists(guestFolder()));
    }

    @Test
    void aFileTheUserAlreadyDeletedIsNotReportedAsRemoved() throws IOException {
        build(file("kept", "k"), file("deleted", "d"));
        Files.delete(guestFolder().resolve("deleted"));

        OwnedFiles.Outcome outcome = build(file("kept", "k"));
        assertEquals(List.of(), outcome.removed());
    }

    @Test
    void aGuestFolderReplacedByALinkIsNamedAndNothingIsRemovedThroughItWhenTheGuestGoes() throws IOException {
        build(file("kept", "k"));
        Path moved = work.resolve("moved");
        Files.move(guestFolder(), moved);
        Files.createSymbolicLink(guestFolder(), moved);

        OwnedFiles.Outcome outcome = open().removeAll();
        assertEquals(List.of(), outcome.removed());
        assertEquals(List.of(".: a link, not the folder the plugin wrote"), outcome.foreign());
        assertEquals("k", Files.readString(moved.resolve("kept")), "a file was removed through the link");
        assertTrue(Files.isSymbolicLink(guestFolder()));
        assertFalse(Files.exists(recordFile()));
    }

    @Test
    void aLinkInPlaceOfAFolderOfSeveralFilesIsOneConflict() throws IOException {
        build(file("sub/a", "a"), file("sub/b", "b"));
        Path moved = work.resolve("moved");
        Files.move(guestFolder().resolve("sub"), moved);
        Files.createSymbolicLink(guestFolder().resolve("sub"), moved);

        try (Staging staging = new Staging(work)) {
            OwnedFiles.Plan plan = open().plan(List.of(file("sub/a", "A"), file("sub/b", "B")), sums(List.of(file("sub/a", "A"),
                    file("sub/b", "B"))), staging);
            assertEquals(List.of("sub: a link the plugin did not make, where the bundle has a folder"), plan.conflicts());
        }
    }

    @Test
    void aWriteRecordsItsFilesAndThatItMayBeCutShortBeforeItMovesAnyIntoPlace() throws IOException {
        OwnedFiles owned = open();
        try (Staging staging = new Staging(work)) {
            OwnedFiles.Plan plan = plan(owned, staging, file("a", "a"), file("sub/b", "b"));
            owned.write(plan);
            // a build killed here, before finish(), leaves this record: every file the plugin's, the write pending
            WriteRecord record = WriteRecord.read(recordFile());
            assertNotNull(record, "files were written without a record that they are the plugin's");
            assertEquals(Set.of("a", "sub/b"), record.paths());
            assertEquals(1, record.pending().size(), record::toString);
        }
    }

    @Test
    void aChangeOfModeAloneIsNeverRecordedAsAWriteThatMayBeCutShort() throws IOException {
        build(file("a", "a"));
        Files.setPosixFilePermissions(guestFolder().resolve("a"), PosixFilePermissions.fromString("rw-------"));

        OwnedFiles owned = open();
        try (Staging staging = new Staging(work)) {
            OwnedFiles.Plan plan = plan(owned, staging, file("a", "a"));
            assertEquals(List.of(guestFolder().resolve("a")), owned.write(plan).written());
            assertEquals(Set.of(), WriteRecord.read(recordFile()).pending());
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(guestFolder().resolve("a"))));
    }

    /**
     * Each write that never reached finish() (a killed build) keeps its own token in the record,
     * however many there were; the next build that finishes removes the temporary files each may
     * have left beside the files, named by its token, and then records none pending.
     */
    @Test
    void everyWriteCutShortIsRecordedAndTheNextBuildRemovesItsTemporaryFiles() throws IOException {
        build(file("a", "first"));
        int cutShort = 40;
        for (int i = 0; i < cutShort; i++) {
            OwnedFiles owned = open();
            try (Staging staging = new Staging(work)) {
                owned.write(plan(owned, staging, file("a", "write " + i)));
            }
        }
        Set<String> pending = WriteRecord.read(recordFile()).pending();
        assertEquals(cutShort, pending.size(), "a write's token was lost: " + pending);
        for (String token : pending) {
            Files.writeString(WriteRecord.temporary(guestFolder().resolve("a"), token), "half written");
        }

        build(file("a", "last"));
        assertEquals(List.of("a"), listing(guestFolder()), "a temporary file of a write cut short was left behind");
        assertEquals(Set.of(), WriteRecord.read(recordFile()).pending());
    }

    @Test
    void aFreshGuestFolderTakesThePlaceOfItsStagedFolderWhole() throws IOException {
        OwnedFiles owned = open();
        try (Staging staging = new Staging(work)) {
            OwnedFiles.Plan plan = plan(owned, staging, file("a", "a"), file("sub/b", "b"));
            assertTrue(plan.fresh());
            Object staged = Files.getAttribute(plan.stagedFolder(), "unix:ino", LinkOption.NOFOLLOW_LINKS);
            owned.write(plan);
            assertEquals(staged, Files.getAttribute(guestFolder(), "unix:ino", LinkOption.NOFOLLOW_LINKS),
                    "the guest folder is not the staged folder moved with one rename");
        }
        assertEquals("b", Files.readString(guestFolder().resolve("sub/b")));
    }

    /**
     * Once the record holds a file's settled state, a build whose inputs changed (a rebuilt plugin)
     * takes a file in that state as holding what the record says, and leaves it alone.
     */
    @Test
    void aFileInItsRecordedStateIsLeftAloneWhenItsBytesAreTheSame() throws Exception {
        build(file("a", "a"));
        Path a = guestFolder().resolve("a");
        waitUntilSettled(a);
        // the same bytes again: nothing written, and the state, now settled, is recorded
        assertEquals(List.of(), build(file("a", "a")).written());
        assertNotNull(WriteRecord.read(recordFile()).written().get("a").state());
        FileTime modified = Files.getLastModifiedTime(a);
        Object changed = Files.getAttribute(a, "unix:ctime");

        OwnedFiles.Outcome outcome = build(file("a", "a"));
        assertEquals(List.of(), outcome.written());
        assertEquals(List.of(a), outcome.unchanged());
        assertEquals(modified, Files.getLastModifiedTime(a));
        assertEquals(changed, Files.getAttribute(a, "unix:ctime"));
    }

    /**
     * A file whose time lies ahead of the clock (copied from a machine whose clock runs fast) has
     * not settled: a later change could keep its times, so its state proves nothing yet.
     */
    @Test
    void aFileChangedAheadOfTheClockIsRecordedWithoutAState() throws IOException {
        OwnedFiles owned = open();
        try (Staging staging = new Staging(work)) {
            OwnedFiles.Plan plan = plan(owned, staging, file("a", "a"));
            owned.write(plan);
            Files.setLastModifiedTime(guestFolder().resolve("a"), FileTime.from(Instant.now().plus(1, ChronoUnit.HOURS)));
            owned.finish(plan, INPUTS);
        }
        assertNull(WriteRecord.read(recordFile()).written().get("a").state());
    }

    /**
     * A settled file is recorded with its whole state (size, both times in nanoseconds since the
     * epoch, inode), also when its modification time is a whole second, as {@code touch -d} or an
     * unpacked archive leaves it: on a file system that keeps nanoseconds the change time still
     * proves it.
     */
    @Test
    void aSettledFileWithAWholeSecondModificationTimeIsRecordedWithItsWholeState() throws Exception {
        OwnedFiles owned = open();
        Path a = guestFolder().resolve("a");
        try (Staging staging = new Staging(work)) {
            OwnedFiles.Plan plan = plan(owned, staging, file("a", "abc"));
            owned.write(plan);
            Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
            waitUntilSettled(a);
            owned.finish(plan, INPUTS);
        }
        Instant changed = ((FileTime) Files.getAttribute(a, "unix:ctime")).toInstant();
        assertEquals("3." + Instant.parse("2020-01-01T00:00:00Z").getEpochSecond() + "000000000."
                + changed.getEpochSecond() + String.format("%09d", changed.getNano()) + "."
                + Files.getAttribute(a, "unix:ino"), WriteRecord.read(recordFile()).written().get("a").state());
    }

    @Test
    void writeWholeLeavesAFileThatAlreadyHoldsTheBytesAlone() throws IOException {
        Path target = work.resolve("hosts");
        assertTrue(OwnedFiles.writeWhole(target, bytes("10.0.0.1 guest\n")));
        FileTime past = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(target, past);

        assertFalse(OwnedFiles.writeWhole(target, bytes("10.0.0.1 guest\n")));
        assertEquals(past, Files.getLastModifiedTime(target), "the file was written again");
        assertEquals(List.of("hosts"), listing(work));
    }

    @Test
    void writeWholeRewritesAFileOfTheSameSizeWithOtherBytes() throws IOException {
        Path target = work.resolve("hosts");
        Files.writeString(target, "10.0.0.1 guest\n");

        assertTrue(OwnedFiles.writeWhole(target, bytes("10.0.0.2 guest\n")));
        assertEquals("10.0.0.2 guest\n", Files.readString(target));
        assertEquals(List.of("hosts"), listing(work));
    }

    @Test
    void writeWholeRestoresTheModeOfAFileThatHoldsTheBytes() throws IOException {
        Path target = work.resolve("hosts");
        Files.writeString(target, "10.0.0.1 guest\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));

        assertTrue(OwnedFiles.writeWhole(target, bytes("10.0.0.1 guest\n")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void writeWholeReplacesALinkInsteadOfWritingOrChangingModesThroughIt() throws IOException {
        Path users = work.resolve("users-file");
        Files.writeString(users, "10.0.0.1 guest\n");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
        Path target = work.resolve("hosts");
        Files.createSymbolicLink(target, users);

        assertTrue(OwnedFiles.writeWhole(target, bytes("10.0.0.1 guest\n")));
        assertTrue(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS), "the link is still there");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        assertEquals("10.0.0.1 guest\n", Files.readString(users));
    }

    @Test
    void aWholeWriteThatFailsLeavesNoTemporaryFileBehind() throws IOException {
        Path target = work.resolve("hosts");
        Files.createDirectories(target.resolve("a folder of the user's"));

        assertThrows(IOException.class, () -> OwnedFiles.writeWhole(target, bytes("10.0.0.1 guest\n")));
        assertEquals(List.of("hosts"), listing(work));
        assertTrue(Files.isDirectory(target.resolve("a folder of the user's")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The names in a folder, sorted, hidden ones (temporary files) included. */
    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            List<String> names = new ArrayList<>(list.map(path -> path.getFileName().toString()).toList());
            names.sort(null);
            return names;
        }
    }

    /** Waits, without a fixed sleep, until the file's last change lies further back than a file time can hide one. */
    private static void waitUntilSettled(Path file) throws IOException, InterruptedException {
        Instant changed = ((FileTime) Files.getAttribute(file, "unix:ctime")).toInstant();
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        Instant last = changed.isAfter(modified) ? changed : modified;
        while (Instant.now().isBefore(last.plusMillis(150))) {
            Thread.sleep(10);
        }
    }
}
