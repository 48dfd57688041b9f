package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 point 8: the plugin's record of what it wrote ({@code .xenpv-written/}) is read, written
 * and removed only where it is: a record, or the folder of records, that is a symbolic link is
 * refused with the plugin's message, so a link planted in {@code target/} can neither make a build
 * remove a user's file nor make it write records wherever the link leads.
 */
class RecordLinksTest {

    @TempDir
    Path target;

    @TempDir
    Path elsewhere;

    private Path output() {
        return target.resolve("xenpv");
    }

    @Test
    void aRecordThatIsALinkIsRefusedAndNoUsersFileGoes() throws Exception {
        new BundleGenerator(output(), null).generate(List.of(SeedGuest.valid()));
        Path notes = Files.writeString(output().resolve("rhel3_64_fv/notes.txt"), "the user's notes\n");
        // a record elsewhere that claims the user's file: followed, the rebuild would remove it
        Path planted = Files.writeString(elsewhere.resolve("planted"), "owner \nfile notes.txt\nfile README.txt\n");
        Path record = output().resolve(".xenpv-written/rhel3_64_fv.bundle");
        Files.delete(record);
        Files.createSymbolicLink(record, planted);
        ForeignFileException refused = assertThrows(ForeignFileException.class,
                () -> new BundleGenerator(output(), null).generate(List.of(SeedGuest.valid())));
        assertEquals(record + " is a symbolic link, which the plugin did not make: it keeps its records of the files it "
                + "wrote in .xenpv-written itself and never follows a link out of it; remove the link (nothing was "
                + "written)", refused.getMessage());
        assertEquals("the user's notes\n", Files.readString(notes));
        assertEquals("owner \nfile notes.txt\nfile README.txt\n", Files.readString(planted));
        assertTrue(Files.isSymbolicLink(record));
    }

    @Test
    void aFolderOfRecordsThatIsALinkIsRefusedAndNothingIsWrittenWhereItLeads() throws Exception {
        Files.createDirectories(output());
        Files.createSymbolicLink(output().resolve(".xenpv-written"), elsewhere);
        ForeignFileException refused = assertThrows(ForeignFileException.class,
                () -> new BundleGenerator(output(), null).generate(List.of(SeedGuest.valid())));
        assertTrue(refused.getMessage().startsWith(output().resolve(".xenpv-written") + " is a symbolic link"),
                refused.getMessage());
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertEquals(List.of(), written.toList());
        }
    }
}
