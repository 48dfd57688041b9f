package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record is read back exactly as saved, folder states included; what it names must stay inside
 * the guest folder, however a hand-edited or hostile record spells a path.
 */
class WriteRecordTest {

    @TempDir
    Path work;

    @Test
    void aSavedRecordReadsBackWhole() throws Exception {
        TreeMap<String, WriteRecord.Written> written = new TreeMap<>();
        written.put("README.txt", new WriteRecord.Written("a".repeat(64), false, false, "1893.1767225600000000000.1767225600000000001.2883941"));
        written.put("dom0/etc/xen/web", new WriteRecord.Written("b".repeat(64), false, true, null));
        TreeMap<String, String> folders = new TreeMap<>();
        folders.put(WriteRecord.GUEST_FOLDER, null);
        folders.put("dom0", "4096.1767225600000000000.1767225600000000000.2883940");
        folders.put("dom0/etc", "4096.-1.-1.17");
        WriteRecord record = new WriteRecord("com.example:guests", "c".repeat(64), new TreeSet<>(written.keySet()),
                new TreeSet<>(Set.of("k2x9q1")), written, folders);
        Path file = work.resolve(WriteRecord.FOLDER).resolve("web.bundle");
        record.save(file);
        assertEquals(record, WriteRecord.read(file));
        assertTrue(Files.readString(file).contains("\nfolder - .\nfolder 4096.1767225600000000000.1767225600000000000.2883940 dom0\n"));
    }

    @Test
    void aFolderLineOutsideTheFolderOrWithAStateOfAnotherShapeIsIgnored() throws Exception {
        Path file = work.resolve(WriteRecord.FOLDER).resolve("web.bundle");
        WriteRecord.of("o", Set.of("README.txt"), Set.of()).save(file);
        Files.writeString(file, Files.readString(file) + "folder - ..\nfolder - /etc\nfolder 12 dom0\nfolder - dom0/../..\nfolder - guest\n");
        assertEquals(Set.of("guest"), WriteRecord.read(file).folders().keySet());
    }

    @Test
    void anInputsOrPendingLineOfAnotherShapeIsIgnored() throws Exception {
        Path file = work.resolve(WriteRecord.FOLDER).resolve("web.bundle");
        WriteRecord.of("o", Set.of("README.txt"), Set.of()).save(file);
        // a token names a temporary file to remove beside each recorded file: one of another shape could name any file
        Files.writeString(file, Files.readString(file) + "inputs " + "C".repeat(64) + "\npending ../../x\npending K2X9Q1\npending "
                + "a".repeat(17) + "\npending k2x9q1\n");
        WriteRecord record = WriteRecord.read(file);
        assertNull(record.inputs());
        assertEquals(Set.of("k2x9q1"), record.pending());
    }

    @Test
    void theGuestsWithARecordComeSortedByName() throws Exception {
        // sorted, so a build removes no longer declared guests, and logs them, in the same order on every machine
        List<String> names = IntStream.range(0, 30).mapToObj(i -> "guest" + (char) ('z' - i % 26) + i).toList();
        for (String name : names) {
            WriteRecord.of("o", Set.of("README.txt"), Set.of()).save(WriteRecord.fileOf(work, name, ".bundle"));
        }
        assertEquals(names.stream().sorted().toList(), WriteRecord.recordedGuests(work, ".bundle"));
    }

    @Test
    void aPathIsRelativeOnlyWithoutEmptyDotOrDotDotSegments() {
        for (String inside : Arrays.asList("README.txt", "guest/etc/fstab", "...", ".x", "a/..b", "a/.hidden", "x..")) {
            assertTrue(WriteRecord.isRelative(inside), inside);
        }
        for (String outside : Arrays.asList("", "/etc/passwd", ".", "..", "../x", "a/..", "a/../b", "a/./b", "./a", "a//b", "a/",
                "/", "a\\b", "a\0b", "\\b", "\0b")) {
            assertFalse(WriteRecord.isRelative(outside), outside);
        }
    }
}
