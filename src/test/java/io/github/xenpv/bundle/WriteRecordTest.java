package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void recordsAreEqualExactlyWhenEveryPartIs() {
        // equals and hashCode are written by hand: each part must count, a missing one or null alike
        WriteRecord.Written wrote = new WriteRecord.Written("a".repeat(64), true, false, "1.2.3.4");
        List<WriteRecord.Written> otherWrites = List.of(new WriteRecord.Written("b".repeat(64), true, false, "1.2.3.4"),
                new WriteRecord.Written("a".repeat(64), false, false, "1.2.3.4"),
                new WriteRecord.Written("a".repeat(64), true, true, "1.2.3.4"),
                new WriteRecord.Written("a".repeat(64), true, false, null),
                new WriteRecord.Written(null, true, false, "1.2.3.4"));
        WriteRecord.Written same = new WriteRecord.Written("a".repeat(64), true, false, "1.2.3.4");
        assertEquals(wrote, same);
        assertEquals(wrote.hashCode(), same.hashCode());
        otherWrites.forEach(other -> {
            assertFalse(wrote.equals(other), other::toString);
            assertFalse(other.equals(wrote), other::toString);
        });
        assertFalse(wrote.equals("a".repeat(64)));

        WriteRecord record = record("owner", "c", "f", "p", wrote, "4096.1");
        WriteRecord copy = record("owner", "c", "f", "p", same, "4096.1");
        assertEquals(record, copy);
        assertEquals(record.hashCode(), copy.hashCode());
        List<WriteRecord> others = List.of(record("other", "c", "f", "p", wrote, "4096.1"),
                record(null, "c", "f", "p", wrote, "4096.1"), record("owner", "d", "f", "p", wrote, "4096.1"),
                record("owner", null, "f", "p", wrote, "4096.1"), record("owner", "c", "g", "p", wrote, "4096.1"),
                record("owner", "c", "f", "q", wrote, "4096.1"), record("owner", "c", "f", "p", otherWrites.get(3), "4096.1"),
                record("owner", "c", "f", "p", wrote, null));
        others.forEach(other -> {
            assertFalse(record.equals(other), other::toString);
            assertFalse(other.equals(record), other::toString);
        });
        assertEquals(others.get(1), record(null, "c", "f", "p", wrote, "4096.1"));
        assertFalse(record.equals(wrote));
    }

    /** A record of one file {@code path}, written as {@code wrote}, one pending token and the guest folder's state. */
    private static WriteRecord record(String owner, String inputs, String path, String pending, WriteRecord.Written wrote,
            String folderState) {
        TreeMap<String, WriteRecord.Written> written = new TreeMap<>();
        written.put(path, wrote);
        TreeMap<String, String> folders = new TreeMap<>();
        folders.put(WriteRecord.GUEST_FOLDER, folderState);
        return new WriteRecord(owner, inputs, new TreeSet<>(Set.of(path)), new TreeSet<>(Set.of(pending)), written, folders);
    }

    @Test
    void aSavedRecordReadsBackWhole() throws Exception {
        TreeMap<String, WriteRecord.Written> written = new TreeMap<>();
        written.put("README.txt", new WriteRecord.Written("a".repeat(64), false, false, "1893.1767225600000000000.1767225600000000001.2883941"));
        written.put("dom0/etc/xen/web", new WriteRecord.Written("b".repeat(64), false, true, null));
        TreeMap<String, String> folders = new TreeMap<>();
        folders.put(WriteRecord.GUEST_FOLDER, null);
        folders.put("dom0", "4096.1767225600000000000");
        folders.put("dom0/etc", "4096.-1");
        WriteRecord record = new WriteRecord("com.example:guests", "c".repeat(64), new TreeSet<>(written.keySet()),
                new TreeSet<>(Set.of("k2x9q1")), written, folders);
        Path file = work.resolve(WriteRecord.FOLDER).resolve("web.bundle");
        record.save(file);
        assertEquals(record, WriteRecord.read(file));
        assertTrue(Files.readString(file).contains("\nfolder - .\nfolder 4096.1767225600000000000 dom0\n"));
    }

    @Test
    void aFolderLineOutsideTheFolderOrWithAStateOfAnotherShapeIsIgnored() throws Exception {
        Path file = work.resolve(WriteRecord.FOLDER).resolve("web.bundle");
        WriteRecord.of("o", Set.of("README.txt"), Set.of()).save(file);
        Files.writeString(file, Files.readString(file)
                + "folder - ..\nfolder - /etc\nfolder 12 dom0\nfolder 4096.1.1.7 dom0\nfolder - dom0/../..\nfolder - guest\n");
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

    /**
     * Bytes that are not UTF-8 read as U+FFFD, as any other damaged byte reads as another character:
     * the record names a path that is not there, and the rest reads as it was. The build goes on.
     */
    @Test
    void bytesThatAreNotUtf8ReadAsReplacementCharacters() throws Exception {
        Path file = work.resolve(WriteRecord.FOLDER).resolve("web.bundle");
        WriteRecord.of("o", Set.of("README.txt", "guest/etc/fstab"), Set.of()).save(file);
        String text = Files.readString(file);
        int damaged = text.indexOf("file guest/etc/fstab") + "file guest/".length();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        bytes[damaged] = (byte) 0xff;
        Files.write(file, bytes);
        WriteRecord record = WriteRecord.read(file);
        assertEquals("o", record.owner());
        assertEquals(Set.of("README.txt", "guest/\ufffdtc/fstab"), record.paths());
    }

    @Test
    void noRecordIsNull() throws Exception {
        Files.createDirectories(work.resolve(WriteRecord.FOLDER));
        assertNull(WriteRecord.read(work.resolve(WriteRecord.FOLDER).resolve("web.bundle")));
        assertNull(WriteRecord.read(work.resolve("nowhere").resolve("web.bundle")));
    }

    @Test
    void aFolderWithoutRecordsListsNoGuestAndNoLeftover() throws Exception {
        WriteRecord.Listing listing = WriteRecord.list(work.resolve("nowhere"), ".bundle", "o", name -> true);
        assertEquals(List.of(), listing.guests());
        assertEquals(List.of(), listing.leftovers());
    }

    /** A record cut short in a {@code wrote} line, right after its mode, reads without that line. */
    @Test
    void aRecordCutShortAfterAModeReadsWithoutThatLine() throws Exception {
        Path file = work.resolve(WriteRecord.FOLDER).resolve("web.bundle");
        WriteRecord.of("o", Set.of("README.txt"), Set.of()).save(file);
        Files.writeString(file, Files.readString(file) + "wrote " + "a".repeat(64) + " 644", StandardCharsets.UTF_8);
        WriteRecord record = WriteRecord.read(file);
        assertEquals(Set.of("README.txt"), record.paths());
        assertEquals(Map.of(), record.written());
    }

    /**
     * The record's grammar as regular expressions, which the reader once used: it now reads by hand,
     * and must take exactly the lines these take.
     */
    private static final String STATE = "[0-9]+\\.-?[0-9]+\\.-?[0-9]+\\.[0-9]+";
    private static final Pattern WROTE = Pattern.compile("wrote ([0-9a-f]{64}) (644|755|600) (" + STATE + "|-) (.+)");
    private static final Pattern FOLDER_LINE = Pattern.compile("folder ([0-9]+\\.-?[0-9]+|-) (.+)");
    private static final Pattern INPUTS = Pattern.compile("inputs [0-9a-f]{64}");
    private static final Pattern PENDING = Pattern.compile("pending [0-9a-z]{1,16}");

    @Test
    void everyLineIsReadAsTheGrammarSaysWhateverItsShape() throws Exception {
        Random random = new Random(22);
        Path file = work.resolve(WriteRecord.FOLDER).resolve("web.bundle");
        Files.createDirectories(file.getParent());
        // lines that end where a field should start, then lines put together at random
        List<String> edges = List.of("wrote", "wrote ", "wrote " + "a".repeat(64), "wrote " + "a".repeat(64) + " 644",
                "wrote " + "a".repeat(64) + " 644 ", "wrote " + "a".repeat(64) + " 644 -", "folder", "folder ", "folder -",
                "folder 1.-", "folder 1.2", "folder 1.2.-", "inputs", "pending",
                // a sign where a state's last number, or its first, may not have one, and where its times may
                "wrote " + "a".repeat(64) + " 644 1.2.3.-4 guest/etc/fstab",
                "wrote " + "a".repeat(64) + " 644 -1.2.3.4 guest/etc/fstab",
                "wrote " + "a".repeat(64) + " 644 1.-2.-3.4 guest/etc/fstab",
                "wrote " + "a".repeat(64) + " 644 1.2.3.4.5 guest/etc/fstab",
                "folder 1.-2 guest", "folder -1.2 guest", "folder 1.2.3 guest");
        for (int round = 0; round < 3000 + edges.size(); round++) {
            String line = round < edges.size() ? edges.get(round) : randomLine(random);
            String path = "guest/etc/fstab";
            // a blank line first, now and then, as a hand-edited record may have
            Files.writeString(file, (random.nextInt(4) == 0 ? "\n" : "") + "owner o\nfile " + path + "\nfile a b\nfile x\u2028y\n"
                    + line + "\n");
            WriteRecord record = WriteRecord.read(file);
            Matcher wrote = WROTE.matcher(line);
            Matcher folder = FOLDER_LINE.matcher(line);
            boolean wroteTaken = wrote.matches() && WriteRecord.isRelative(wrote.group(4)) && record.paths().contains(wrote.group(4));
            boolean folderTaken = folder.matches() && (folder.group(2).equals(".") || WriteRecord.isRelative(folder.group(2)));
            assertEquals(wroteTaken ? 1 : 0, record.written().size(), line);
            if (wroteTaken) {
                WriteRecord.Written written = record.written().get(wrote.group(4));
                assertEquals(new WriteRecord.Written(wrote.group(1), wrote.group(2).equals("755"), wrote.group(2).equals("600"),
                        wrote.group(3).equals("-") ? null : wrote.group(3)), written, line);
            }
            assertEquals(folderTaken ? 1 : 0, record.folders().size(), line);
            if (folderTaken) {
                assertEquals(folder.group(1).equals("-") ? null : folder.group(1), record.folders().get(folder.group(2)), line);
            }
            assertEquals(INPUTS.matcher(line).matches(), record.inputs() != null, line);
            assertEquals(PENDING.matcher(line).matches() ? 1 : 0, record.pending().size(), line);
        }
    }

    /** A record line of any kind, often a little wrong: pieces that are right, and pieces that are almost. */
    private static String randomLine(Random random) {
        String[] digests = {"a".repeat(64), "0123456789abcdef".repeat(4), "A".repeat(64), "a".repeat(63), "a".repeat(65),
            "g" + "a".repeat(63), ""};
        String[] modes = {"644", "755", "600", "640", "7550", "64", ""};
        String[] states = {"-", "1.2.3.4", "1.-", "1.2.-", "1.2", "4096.-1", "1.-2", "-1.2", "1.2.", "1..2", "1.--2", "1.2-",
            "4096.-1.-1.17", "1893.1767225600000000000.1767225600000000001.2883941",
            "1.2.3", "1.2.3.4.5", "-1.2.3.4", "1.2.3.-4", "1.--2.3.4", "1.-.3.4", ".2.3.4", "1.2.3.", "1..3.4", "1.2-.3.4",
            "1 2.3.4", "--", "1.2.3.4\r", "x", ""};
        String[] paths = {"guest/etc/fstab", "a b", "x\u2028y", ".", "..", "../x", "guest/./x", "guest//x", "", " ", "x\r",
            "x\u0085", "guest/etc/fstab "};
        String[] tokens = {"k2x9q1", "K2X9Q1", "a".repeat(16), "a".repeat(17), "../x", "", "a b"};
        return switch (random.nextInt(4)) {
            case 0 -> "wrote " + pick(random, digests) + sep(random) + pick(random, modes) + sep(random) + pick(random, states)
                    + sep(random) + pick(random, paths);
            case 1 -> "folder " + pick(random, states) + sep(random) + pick(random, paths);
            case 2 -> "inputs " + pick(random, digests);
            default -> "pending " + pick(random, tokens);
        };
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Mostly the one space the grammar has between fields, sometimes two or none. */
    private static String sep(Random random) {
        int roll = random.nextInt(10);
        return roll == 0 ? "" : roll == 1 ? "  " : " ";
    }

    @Test
    void theGuestsWithARecordComeSortedByName() throws Exception {
        // sorted, so a build removes no longer declared guests, and logs them, in the same order on every machine
        List<String> names = IntStream.range(0, 30).mapToObj(i -> "guest" + (char) ('z' - i % 26) + i).toList();
        for (String name : names) {
            WriteRecord.of("o", Set.of("README.txt"), Set.of()).save(WriteRecord.fileOf(work, name, ".bundle"));
        }
        assertEquals(names.stream().sorted().toList(), WriteRecord.list(work, ".bundle", "o", name -> true).guests());
    }

    /** Only records of the kind asked for name guests, and only the names wanted are looked at. */
    @Test
    void theGuestsWithARecordAreThoseOfItsKindThatAreWanted() throws Exception {
        for (String name : List.of("web", "db", "mail")) {
            WriteRecord.of("o", Set.of("README.txt"), Set.of()).save(WriteRecord.fileOf(work, name, ".bundle"));
        }
        WriteRecord.of("o", Set.of("web.tar.gz"), Set.of()).save(WriteRecord.fileOf(work, "archived", ".archives"));
        Files.writeString(work.resolve(WriteRecord.FOLDER).resolve("notes.txt"), "the user's");
        Files.writeString(work.resolve(WriteRecord.FOLDER).resolve(".web.bundle.xenpv-tmp"), "half a record");
        Files.createDirectories(work.resolve(WriteRecord.FOLDER).resolve("folder.bundle"));

        assertEquals(List.of("db", "mail", "web"), WriteRecord.list(work, ".bundle", "o", name -> true).guests());
        assertEquals(List.of("archived"), WriteRecord.list(work, ".archives", "o", name -> true).guests());
        assertEquals(List.of("mail"), WriteRecord.list(work, ".bundle", "o", name -> !Set.of("web", "db").contains(name)).guests());
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
