package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
    void aPathIsRelativeOnlyWithoutEmptyDotOrDotDotSegments() {
        for (String inside : Arrays.asList("README.txt", "guest/etc/fstab", "...", ".x", "a/..b", "a/.hidden", "x..")) {
            assertTrue(WriteRecord.isRelative(inside), inside);
        }
        for (String outside : Arrays.asList("", "/etc/passwd", ".", "..", "../x", "a/..", "a/../b", "a/./b", "./a", "a//b", "a/",
                "/", "a\\b", "a\0b")) {
            assertFalse(WriteRecord.isRelative(outside), outside);
        }
    }
}
