package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives in the build directory are the plugin's by the same rule as bundle folders: only those
 * its record lists are replaced or removed (a guest no longer declared, a dropped format).
 */
class ArchiveOwnershipTest {

    private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path target;

    private final BundleArchiver archiver = new BundleArchiver(TIME);

    @Test
    void aRemovedGuestsArchivesGoAndNothingElseInTheBuildDirectory() throws IOException {
        Files.writeString(target.resolve("guests-1.0-xenpv-manual.tar.gz"), "the user's own archive");
        Files.writeString(target.resolve("notes.txt"), "the user's notes");
        write(List.of(guest("web"), guest("old")), Set.of("web", "old"), ArchiveFormat.TAR_GZ, ArchiveFormat.ZIP);
        BundleArchiver.Written written = write(List.of(guest("web")), Set.of("web"), ArchiveFormat.TAR_GZ, ArchiveFormat.ZIP);
        assertEquals(List.of(target.resolve("guests-1.0-xenpv-old.tar.gz"), target.resolve("guests-1.0-xenpv-old.zip")),
                written.removed());
        assertEquals(List.of(".xenpv-written", "guests-1.0-xenpv-manual.tar.gz", "guests-1.0-xenpv-web.tar.gz",
                "guests-1.0-xenpv-web.zip", "notes.txt"), OwnershipTest.files(target).stream()
                        .map(path -> path.split("/")[0]).distinct().toList());
        assertEquals(List.of(".xenpv-written/web.archives"), OwnershipTest.files(target).stream()
                .filter(path -> path.startsWith(".xenpv-written")).toList());
    }

    @Test
    void aFileOfTheUsersAtAnArchivesNameStopsTheBuild() throws IOException {
        Files.writeString(target.resolve("guests-1.0-xenpv-web.tar.gz"), "not an archive of the plugin's");
        ForeignFileException refused = assertThrows(ForeignFileException.class,
                () -> write(List.of(guest("web")), Set.of("web"), ArchiveFormat.TAR_GZ));
        assertTrue(refused.getMessage().contains(target + "/guests-1.0-xenpv-web.tar.gz: a file the plugin did not write"),
                refused.getMessage());
        assertEquals("not an archive of the plugin's", Files.readString(target.resolve("guests-1.0-xenpv-web.tar.gz")));
        assertTrue(refused.getMessage().endsWith(". Move it out of the way and build again."), refused.getMessage());
    }

    @Test
    void twoFilesOfTheUsersAtArchivesNamesAreNamedTogether() throws IOException {
        Files.writeString(target.resolve("guests-1.0-xenpv-web.tar.gz"), "the user's own archive");
        Files.writeString(target.resolve("guests-1.0-xenpv-web.zip"), "the user's own zip");
        ForeignFileException refused = assertThrows(ForeignFileException.class,
                () -> write(List.of(guest("web")), Set.of("web"), ArchiveFormat.TAR_GZ, ArchiveFormat.ZIP));
        assertTrue(refused.getMessage().endsWith(". Move them out of the way and build again."), refused.getMessage());
    }

    @Test
    void anArchiveOfTheGuestsFolderWithoutItsChecksumsIsNotTakenOver() throws IOException {
        // every entry under web/, but no web/SHA256SUMS: an archive a user made of the folder, not one the plugin wrote
        byte[] users = archiver.archive(new GuestBundle("web", List.of(new RenderedFile("README.txt",
                "the user's own notes".getBytes(StandardCharsets.UTF_8), false))), ArchiveFormat.TAR_GZ);
        Files.write(target.resolve("guests-1.0-xenpv-web.tar.gz"), users);
        assertThrows(ForeignFileException.class, () -> write(List.of(guest("web")), Set.of("web"), ArchiveFormat.TAR_GZ));
        assertArrayEquals(users, Files.readAllBytes(target.resolve("guests-1.0-xenpv-web.tar.gz")));
    }

    @Test
    void anArchiveFromBeforeRecordsIsTakenOverWhenItIsABundleArchiveOfThatGuest() throws IOException {
        GuestBundle earlier = guest("web", "an earlier build");
        for (ArchiveFormat format : ArchiveFormat.values()) {
            Files.write(target.resolve("guests-1.0-xenpv-web." + format.extension()), archiver.archive(earlier, format));
        }
        BundleArchiver.Written written = write(List.of(guest("web")), Set.of("web"), ArchiveFormat.TAR_GZ);
        assertTrue(written.archives().get(0).written());
        assertArrayEquals(archiver.archive(guest("web"), ArchiveFormat.TAR_GZ),
                Files.readAllBytes(target.resolve("guests-1.0-xenpv-web.tar.gz")));
        assertEquals(List.of(target.resolve("guests-1.0-xenpv-web.zip")), written.removed(), "the earlier zip was the plugin's too");
    }

    @Test
    void anotherOwnersArchivesStay() throws IOException {
        archiver.write(List.of(guest("old")), List.of(ArchiveFormat.TAR_GZ), target, "guests-1.0", Set.of("old"), "com.example:a");
        BundleArchiver.Written written = archiver.write(List.of(guest("web")), List.of(ArchiveFormat.TAR_GZ), target,
                "guests-1.0", Set.of("web"), "com.example:b");
        assertEquals(List.of(), written.removed());
        assertTrue(Files.isRegularFile(target.resolve("guests-1.0-xenpv-old.tar.gz")));
    }

    private BundleArchiver.Written write(List<GuestBundle> bundles, Set<String> declared, ArchiveFormat... formats)
            throws IOException {
        return archiver.write(bundles, List.of(formats), target, "guests-1.0", declared, "test:guests");
    }

    private static GuestBundle guest(String name) {
        return guest(name, "the bundle of " + name);
    }

    private static GuestBundle guest(String name, String readme) {
        return GuestBundle.of(name, List.of(new RenderedFile("README.txt", readme.getBytes(StandardCharsets.UTF_8), false)));
    }
}
