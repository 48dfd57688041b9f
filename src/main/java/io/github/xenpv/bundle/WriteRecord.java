package io.github.xenpv.bundle;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The plugin's record of the files it wrote for one guest under one folder: the only files a
 * build may remove there. It is kept in {@code .xenpv-written/} beside the guest folders (or the
 * archives), never inside a bundle, one text file per guest:
 * <pre>
 * owner com.example:guests
 * inputs 5d41402abc4b2a76b9719d911017c592...
 * pending k2x9q1
 * file README.txt
 * file dom0/etc/xen/web
 * wrote 2cf24dba5fb0a30e... 644 1893.1767225600000000000.1767225600000000000.2883941 README.txt
 * wrote 486ea46224d1bb4f... 644 - dom0/etc/xen/web
 * folder - .
 * folder 4096.1767225600000000000 dom0
 * </pre>
 * {@code owner} is the project (and execution) that wrote the files, so projects sharing a folder
 * never clean up each other's guests. {@code pending} names the temporary files of a write that
 * may have been cut short: a build records the files it is about to write and that token before
 * its first write, and the exact set afterwards, so a killed build leaves nothing unrecorded.
 *
 * <p>{@code inputs} is the digest of everything the files were made from ({@code RenderInputs}
 * for a bundle); {@code wrote} says what the plugin left in each file (its SHA-256 and mode) and
 * the file's state on disk right after ({@link Written}). Together they let a build leave a guest
 * alone without rendering it: same inputs, and every file still as written. A record without
 * them (an older plugin's, or a write that had no inputs to name) simply never counts as
 * unchanged.
 *
 * <p>{@code folder} lines name every folder of a guest folder ({@code .} the folder itself) when,
 * once written, it held exactly the record's files and their folders, each with its state then,
 * its size and modification time ({@code -} when too recent to prove anything). A folder still in
 * its recorded state had no entry added, removed or renamed since (unless someone put its time back
 * by hand), so a build that finds every file as written need not list it to know that nothing else
 * is there. Without them, the folder is listed whole. A record written before folder states were
 * two numbers holds four in each, a shape this reader ignores: its folders are listed, as for a
 * record without {@code folder} lines.
 */
record WriteRecord(String owner, String inputs, SortedSet<String> paths, SortedSet<String> pending,
        SortedMap<String, Written> written, SortedMap<String, String> folders) {

    /**
     * What the plugin wrote into one file.
     *
     * @param sha256 the content's SHA-256, lower-case hex
     * @param executable mode 0755, else 0644
     * @param secret it holds a password: mode 0600, whatever {@code executable} says
     * @param state the file's {@code size.mtime.ctime.inode} (times in nanoseconds) read after
     *     writing, or {@code null} when the file was too recently changed for that state to
     *     prove anything later: a change within the same clock tick keeps both times
     */
    record Written(String sha256, boolean executable, boolean secret, String state) {

        // By hand, as WriteRecord's own (see there).
        @Override
        public boolean equals(Object other) {
            return other instanceof Written that && Objects.equals(sha256, that.sha256) && executable == that.executable
                    && secret == that.secret && Objects.equals(state, that.state);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sha256, executable, secret, state);
        }
    }

    /** The folder of records, beside what they describe; the plugin's alone, like everything in it. */
    static final String FOLDER = ".xenpv-written";

    /** Ends the name of a temporary file, written beside its target and moved into place. */
    static final String TEMPORARY_SUFFIX = ".xenpv-tmp";

    /** The name a {@code folder} line gives the guest folder itself. */
    static final String GUEST_FOLDER = ".";

    private static final String HEADER = "# xenpv-maven-plugin: the files it wrote, the only ones a build removes. "
            + "Do not edit.\n";

    /**
     * A record holding the collections it is given, which no one may change through it: every
     * caller builds them for it and keeps no hold of them. Not copied, because a no-op build reads a
     * thousand records before anything is compiled, and copying their sorted maps took 5 to 8% of
     * the reading and got the copy a C2 compile of its own.
     */
    WriteRecord {
        paths = Collections.unmodifiableSortedSet(paths);
        pending = Collections.unmodifiableSortedSet(pending);
        written = Collections.unmodifiableSortedMap(written);
        folders = Collections.unmodifiableSortedMap(folders);
    }

    // Compared by hand: a record's generated equals and hashCode are method handles built on first
    // use. A generate first compares records at its very end (is the record already exact?), and
    // building them there spun some 60 classes and got ASM a C2 compile of 0.4-0.7 s of CPU, more
    // than the thousand comparisons cost.
    @Override
    public boolean equals(Object other) {
        return other instanceof WriteRecord that && Objects.equals(owner, that.owner)
                && Objects.equals(inputs, that.inputs) && paths.equals(that.paths) && pending.equals(that.pending)
                && written.equals(that.written) && folders.equals(that.folders);
    }

    @Override
    public int hashCode() {
        return Objects.hash(owner, inputs, paths, pending, written, folders);
    }

    /** A record of {@code owner} listing exactly {@code paths} and {@code pending}, with no inputs and nothing of what was written. */
    static WriteRecord of(String owner, Collection<String> paths, Collection<String> pending) {
        return new WriteRecord(owner, null, new TreeSet<>(paths), new TreeSet<>(pending), new TreeMap<>(), new TreeMap<>());
    }

    /**
     * Where the record of one guest's files of one kind is kept.
     *
     * @param directory the folder that holds the guest folders (or the archives) and the records
     * @param suffix the kind: {@code .bundle} for a guest folder, {@code .archives} for archives
     */
    static Path fileOf(Path directory, String guestName, String suffix) {
        return directory.resolve(FOLDER).resolve(guestName + suffix);
    }

    /**
     * What one listing of a folder of records found ({@link #list}).
     *
     * @param guests the guests with a record of the kind listed that the listing wanted, sorted
     * @param leftovers the temporary copies of such records that killed builds of the owner left
     */
    record Listing(List<String> guests, List<Path> leftovers) {
    }

    /**
     * Lists {@code directory}'s records of this kind, once for both things a clean-up needs: the
     * guests with a record that {@code wanted} accepts (names that could not be a folder skipped),
     * and the temporary copies of records that killed builds of {@code owner} left while saving
     * them ({@link #removeLeftovers}). A no-op build lists a thousand records, and listing them twice
     * was half of its clean-up.
     *
     * @param wanted which guest names to look at: a build lists every record but only cares for
     *     the guests no longer declared, and looking at a record is two calls on the file system
     */
    static Listing list(Path directory, String suffix, String owner, Predicate<String> wanted) throws IOException {
        notALink(directory.resolve(FOLDER));
        String leftover = suffix + "." + ownerTag(owner) + TEMPORARY_SUFFIX;
        List<String> names = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.resolve(FOLDER))) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                // a guest's name never starts with a dot, a temporary copy's always does
                if (file.startsWith(".")) {
                    if (file.endsWith(leftover)) {
                        leftovers.add(entry);
                    }
                } else if (file.endsWith(suffix)) {
                    String name = file.substring(0, file.length() - suffix.length());
                    if (!name.isEmpty() && isRelative(name) && !name.contains("/") && wanted.test(name)
                            && Files.isRegularFile(entry) && notALink(entry)) {
                        names.add(name);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return new Listing(List.of(), List.of());
        }
        names.sort(null);
        return new Listing(names, leftovers);
    }

    /**
     * Removes the temporary copies of records a {@link #list listing} found, once every record of
     * this build is saved: each record itself is whole, old or new, and a first record's copy means
     * its build had written nothing yet for that guest (it records before it writes). Done once per
     * build rather than at every reading of a record, which for a no-op build was a thousand removals
     * of nothing.
     *
     * <p>Only the copies named for the listing's owner are listed ({@link #temporaryOf}): in a folder
     * several projects share, another project's build may be saving its copy right now (Maven builds
     * modules side by side with {@code -T}), and removing it failed that build's save.
     */
    static void removeLeftovers(Listing listing) throws IOException {
        for (Path leftover : listing.leftovers()) {
            if (!Files.isDirectory(leftover, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /** The record in {@code file}, or {@code null} when there is none. Lines it cannot use are ignored. */
    static WriteRecord read(Path file) throws IOException {
        notALink(file.getParent());
        notALink(file);
        String text = textOf(file);
        if (text == null) {
            return null;
        }
        String owner = "";
        String inputs = null;
        SortedSet<String> paths = new TreeSet<>();
        SortedSet<String> pending = new TreeSet<>();
        SortedMap<String, Written> written = new TreeMap<>();
        SortedMap<String, String> folders = new TreeMap<>();
        // By hand rather than by regular expressions: a no-op build reads a thousand records of forty lines
        // while nothing of it is compiled yet, and matching was a third of its reading. In place, each field
        // cut out of the text alone: a copy of every line was a quarter of what reading a record allocates,
        // and a no-op's allocations land on memory the JVM has yet to touch, which costs it page faults.
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (text.startsWith("owner ", start)) {
                owner = text.substring(start + "owner ".length(), end);
            } else if (text.startsWith("inputs ", start) && isDigest(text, start + "inputs ".length(), end)) {
                inputs = text.substring(start + "inputs ".length(), end);
            } else if (text.startsWith("pending ", start)) {
                String token = text.substring(start + "pending ".length(), end);
                if (isToken(token)) {
                    pending.add(token);
                }
            } else if (text.startsWith("file ", start)) {
                String path = text.substring(start + "file ".length(), end);
                if (isRelative(path)) {
                    paths.add(path);
                }
            } else if (text.startsWith("wrote ", start)) {
                wrote(text, start, end, written);
            } else if (text.startsWith("folder ", start)) {
                folder(text, start, end, folders);
            }
        }
        // what was written counts only for the files the record lists
        written.keySet().retainAll(paths);
        return new WriteRecord(owner, inputs, paths, pending, written, folders);
    }

    /**
     * A record's text, or {@code null} when there is no record. Through {@link RandomAccessFile}
     * rather than {@link Files#readString}: a no-op build reads a thousand records before any of it
     * is compiled, and the channel's layers took half again as long (1,000 records in one cold
     * thread: 66 to 86 ms of CPU against 43 to 57). Bytes that are not UTF-8 read as U+FFFD, as a
     * damaged byte of any other kind reads as another character: the record then names what is not
     * there and vouches for nothing of it, where {@code readString} failed the build.
     */
    private static String textOf(Path file) throws IOException {
        try (RandomAccessFile record = new RandomAccessFile(file.toFile(), "r")) {
            long length = record.length();
            if (length > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " holds " + length + " bytes, more than any record the plugin writes");
            }
            byte[] bytes = new byte[(int) length];
            // records are replaced by renaming, never rewritten in place: an open record keeps its length
            record.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            // also said of a file that cannot be opened: only a missing one is no record
            if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * A {@code wrote} line, from {@code start} to {@code end} of {@code text}:
     * {@code wrote <digest> <644|755|600> <state|-> <path>}; ignored when it has another shape.
     */
    private static void wrote(String text, int start, int end, SortedMap<String, Written> written) {
        int digestStart = start + "wrote ".length();
        int digestEnd = digestStart + 64;
        int modeEnd = digestEnd + 4;
        if (end <= modeEnd || !isDigest(text, digestStart, digestEnd) || text.charAt(digestEnd) != ' '
                || text.charAt(modeEnd) != ' ') {
            return;
        }
        boolean executable = text.startsWith("755", digestEnd + 1);
        boolean secret = text.startsWith("600", digestEnd + 1);
        int stateEnd = text.indexOf(' ', modeEnd + 1);
        if (!executable && !secret && !text.startsWith("644", digestEnd + 1) || stateEnd < 0 || stateEnd >= end) {
            return;
        }
        String state = isDash(text, modeEnd + 1, stateEnd) ? null : text.substring(modeEnd + 1, stateEnd);
        String path = text.substring(stateEnd + 1, end);
        if ((state == null || isState(state)) && isLine(path) && isRelative(path)) {
            written.put(path, new Written(text.substring(digestStart, digestEnd), executable, secret, state));
        }
    }

    /**
     * A {@code folder} line, from {@code start} to {@code end} of {@code text}:
     * {@code folder <size.mtime|-> <path or .>}; ignored when it has another shape.
     */
    private static void folder(String text, int start, int end, SortedMap<String, String> folders) {
        int stateStart = start + "folder ".length();
        int stateEnd = text.indexOf(' ', stateStart);
        if (stateEnd < 0 || stateEnd >= end) {
            return;
        }
        String state = isDash(text, stateStart, stateEnd) ? null : text.substring(stateStart, stateEnd);
        String path = text.substring(stateEnd + 1, end);
        if ((state == null || isFolderState(state)) && isLine(path) && (path.equals(GUEST_FOLDER) || isRelative(path))) {
            folders.put(path, state);
        }
    }

    /** Whether {@code text} from {@code start} to {@code end} is {@code -}, a state too recent to prove anything. */
    private static boolean isDash(String text, int start, int end) {
        return end == start + 1 && text.charAt(start) == '-';
    }

    /** {@return a file's mode as {@code ls -l} shows it in octal: 0600 for a secret, else 0755 or 0644} */
    static String octalMode(boolean executable, boolean secret) {
        return secret ? "600" : executable ? "755" : "644";
    }

    /** Writes the record atomically: to a temporary file beside it, then moved into place. */
    void save(Path file) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append("owner ").append(owner).append('\n');
        if (inputs != null) {
            text.append("inputs ").append(inputs).append('\n');
        }
        pending.forEach(token -> text.append("pending ").append(token).append('\n'));
        paths.forEach(path -> text.append("file ").append(path).append('\n'));
        written.forEach((path, wrote) -> text.append("wrote ").append(wrote.sha256()).append(' ')
                .append(octalMode(wrote.executable(), wrote.secret())).append(' ')
                .append(wrote.state() == null ? "-" : wrote.state()).append(' ').append(path).append('\n'));
        folders.forEach((path, state) -> text.append("folder ").append(state == null ? "-" : state).append(' ')
                .append(path).append('\n'));
        notALink(file.getParent());
        Files.createDirectories(file.getParent());
        // One fixed temporary name per record and owner: a leftover from a killed build is simply overwritten.
        Path temporary = temporaryOf(file, owner);
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the record (and a temporary copy a killed build of {@code owner} may have left). */
    static void delete(Path file, String owner) throws IOException {
        notALink(file.getParent());
        Files.deleteIfExists(temporaryOf(file, owner));
        Files.deleteIfExists(file);
    }

    /**
     * Refuses a record, or the folder of records, that is a symbolic link: the plugin reads,
     * writes and removes its records only in the folder itself, never wherever a link leads
     * (another project's records, a file outside {@code target/}).
     *
     * @return {@code true}, when it is no link
     * @throws ForeignFileException when it is one
     */
    private static boolean notALink(Path path) throws ForeignFileException {
        if (Files.isSymbolicLink(path)) {
            throw new ForeignFileException(path + " is a symbolic link, which the plugin did not make: it keeps its "
                    + "records of the files it wrote in " + FOLDER + " itself and never follows a link out of it; "
                    + "remove the link (nothing was written)");
        }
        return true;
    }

    /** The temporary file a write with {@code token} uses for {@code target}. */
    static Path temporary(Path target, String token) {
        return target.resolveSibling("." + target.getFileName() + "." + token + TEMPORARY_SUFFIX);
    }

    /**
     * The temporary copy {@code owner}'s builds save a record to before moving it into place,
     * {@code .<record>.<owner tag>.xenpv-tmp}: named for its owner, so that a build removes only its
     * own owner's leftovers, never a copy another project's build is saving in a shared folder.
     */
    static Path temporaryOf(Path record, String owner) {
        return record.resolveSibling("." + record.getFileName() + "." + ownerTag(owner) + TEMPORARY_SUFFIX);
    }

    /** Twelve hex digits of the owner's SHA-256: the owner's text may hold any character a file name cannot. */
    private static String ownerTag(String owner) {
        return Checksums.sha256(owner.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    /** Whether {@code text} from {@code start} to {@code end} is a SHA-256 in lower-case hex. */
    private static boolean isDigest(String text, int start, int end) {
        if (end - start != 64) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** A write's token: 1 to 16 lower-case letters and digits, so that it can name no file but its own temporary ones. */
    static boolean isToken(String token) {
        if (token.isEmpty() || token.length() > 16) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'z')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A file's state as {@link OwnedFiles} writes it, {@code size.mtime.ctime.inode}: four whole
     * numbers, the two times possibly negative.
     */
    static boolean isState(String state) {
        return isNumbers(state, 4, 3);
    }

    /** A folder's state as {@link OwnedFiles} writes it, {@code size.mtime}: two whole numbers, the time possibly negative. */
    static boolean isFolderState(String state) {
        return isNumbers(state, 2, 2);
    }

    /**
     * {@code count} whole numbers joined by dots: the first (a size) never negative, the others before
     * the one at {@code unsignedFrom} (times) possibly, those from it on (an inode) not.
     */
    private static boolean isNumbers(String state, int count, int unsignedFrom) {
        int field = 0;
        int digits = 0;
        for (int i = 0; i < state.length(); i++) {
            char c = state.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && digits > 0) {
                field++;
                digits = 0;
            } else if (c != '-' || digits > 0 || field == 0 || field >= unsignedFrom || state.charAt(i - 1) == '-') {
                return false;
            }
        }
        // a field too many fails here, as one too few does
        return field == count - 1 && digits > 0;
    }

    /** Whether a path is one line as a regular expression's {@code .} reads one: without line or paragraph separators. */
    private static boolean isLine(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /** A path inside the folder: relative, '/'-separated, without empty, '.' or '..' segments. */
    static boolean isRelative(String path) {
        if (path.isEmpty() || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            return false;
        }
        // segment by segment without splitting: a no-op build reads a thousand records of a dozen paths
        for (int start = 0; ; ) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            if (end == start || path.startsWith(".", start) && (end == start + 1 || end == start + 2 && path.charAt(start + 1) == '.')) {
                return false;
            }
            if (slash < 0) {
                return true;
            }
            start = slash + 1;
        }
    }
}
