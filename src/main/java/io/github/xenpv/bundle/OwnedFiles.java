package io.github.xenpv.bundle;

import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The files the plugin keeps for one guest under one folder (its bundle folder, or the build
 * directory for its archives), written and removed by the rule that the plugin owns only what
 * it wrote: {@link WriteRecord} lists those files, and nothing else is ever replaced or removed.
 *
 * <p>A file whose bytes and mode are already right is left alone (its time stays); any other is
 * staged ({@link Staging}) and moved into place. Nothing is written through a link or over a file
 * the plugin did not write: {@link #plan} finds every such path first, so the caller can refuse
 * before the first byte changes.
 *
 * <p>The record also says what fed the files and what each file held and looked like on disk
 * right after it was written ({@link WriteRecord.Written}), so that {@link #unchanged} can tell,
 * from one look at each entry of the folder and without the files' new bytes, that there is
 * nothing to do.
 */
final class OwnedFiles {

    static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");
    static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    private static final int EXECUTABLE_BITS = bits(EXECUTABLE);
    private static final int REGULAR_BITS = bits(REGULAR);
    private static final int SECRET_BITS = bits(SECRET);

    static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    /** The view that tells an entry's inode and change time: Linux and the other Unixes. */
    private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private static final String UNIX_ATTRIBUTES = "unix:mode,size,lastModifiedTime,ctime,ino";
    private static final Class<? extends BasicFileAttributes> ATTRIBUTES =
            POSIX ? PosixFileAttributes.class : BasicFileAttributes.class;
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /**
     * How long after its last change a file's state proves that it did not change since: longer
     * than a clock tick of the kernel's file times (at most 10 ms) on a file system that keeps
     * fractions of a second, longer than its whole-second (or FAT's two-second) times otherwise.
     */
    private static final long SETTLED_NANOS = 100_000_000L;
    private static final long SETTLED_NANOS_WHOLE_SECONDS = 3_000_000_000L;

    /** What one file needs. */
    enum Change { NONE, MODE, CONTENT }

    /**
     * One file of a plan.
     *
     * @param path the file's path, relative to the folder
     * @param executable whether it gets mode 0755, else 0644
     * @param secret whether it holds a secret, and gets mode 0600 whatever {@code executable} says
     * @param sha256 the digest of what it must hold
     * @param target where it goes
     * @param change what it needs
     * @param staged for {@link Change#CONTENT}, the staged file that holds its bytes; else {@code null}
     */
    record Step(String path, boolean executable, boolean secret, String sha256, Path target, Change change, Path staged) {
    }

    /**
     * What writing a set of files would do.
     *
     * @param conflicts paths (relative to the folder) that hold something the plugin did not write,
     *     each with what is there; writing is refused while there are any
     * @param fresh the folder does not exist yet, so nothing in it needs comparing
     * @param stagedFolder for a fresh folder whose files are staged, the folder holding them at their
     *     paths ({@link Staging#tree}), which takes the folder's place whole; else {@code null}
     */
    record Plan(List<Step> steps, List<String> conflicts, boolean fresh, Path stagedFolder) {
    }

    /** What a write or a clean-up did: the files written, unchanged and removed, and what it left because the plugin did not write it. */
    record Outcome(List<Path> written, List<Path> unchanged, List<Path> removed, List<String> foreign) {
    }

    /**
     * One guest's files made ready to write: a plan whose new bytes are staged, or, when
     * {@link #unchanged} found nothing to do, what leaving them alone does.
     *
     * @param files the guest's files
     * @param plan the plan, {@code null} when left alone
     * @param inputs what the files are made from, for the record; {@code null} when unknown
     * @param keptAsTheyAre the outcome of leaving them alone, or {@code null} when there is a plan
     */
    record Ready(OwnedFiles files, Plan plan, String inputs, Outcome keptAsTheyAre) {

        static Ready keep(OwnedFiles files, Outcome unchanged) {
            return new Ready(files, null, files.record().inputs(), unchanged);
        }

        /** Each file's path, mode and digest, as the folder holds them once written, in path order. */
        List<BundleEntry> entries() {
            List<BundleEntry> entries = new ArrayList<>();
            if (plan == null) {
                files.record().written().forEach((path, written) ->
                        entries.add(new BundleEntry(path, written.executable(), written.sha256(), written.secret())));
            } else {
                plan.steps().forEach(step -> entries.add(new BundleEntry(step.path(), step.executable(), step.sha256(), step.secret())));
                entries.sort(Comparator.comparing(BundleEntry::path));
            }
            return entries;
        }

        List<String> conflicts() {
            return plan == null ? List.of() : plan.conflicts();
        }
    }

    /** Opens the files of one guest by its name. */
    @FunctionalInterface
    interface Opener {
        OwnedFiles open(String guestName) throws IOException;
    }

    private final Path folder;
    private final Path recordFile;
    private final String owner;
    private final boolean ownFolder;
    private final WriteRecord record;
    private final Set<String> owned;

    /**
     * @param ownFolder {@code folder} is the guest's own (a bundle folder): links are refused from it
     *     down, folders a removal empties are removed, and what the plugin did not write is listed;
     *     otherwise (the build directory) only the files themselves are the plugin's business
     */
    OwnedFiles(Path folder, Path recordFile, String owner, boolean ownFolder) throws IOException {
        this.folder = folder;
        this.recordFile = recordFile;
        this.owner = owner;
        this.ownFolder = ownFolder;
        this.record = WriteRecord.read(recordFile);
        this.owned = new HashSet<>(record == null ? Set.of() : record.paths());
    }

    /** Whether a record exists; without one, {@link #adopt} can name files an earlier build wrote. */
    boolean recorded() {
        return record != null;
    }

    WriteRecord record() {
        return record;
    }

    /** Counts these paths as the plugin's, for a folder written before the plugin kept records. */
    void adopt(Set<String> paths) {
        owned.addAll(paths);
    }

    Path folder() {
        return folder;
    }

    /**
     * Whether these files can be left alone as they are, without their new bytes: this owner's record
     * says they were made from {@code inputs}, no write of theirs was cut short, and every file of
     * the record is still the regular file the plugin wrote, with its mode and bytes, reached without
     * a link. A file whose state on disk is the one recorded after writing is taken as it is; any
     * other (touched, copied back, or written too recently for its state to prove anything) is read
     * and compared by digest.
     *
     * @param inputs what the files would be made from now
     * @return what leaving them alone does (every file unchanged, and for a guest folder what else it
     *     holds), or {@code null} when they must be made again
     */
    Outcome unchanged(String inputs) throws IOException {
        if (record == null || !inputs.equals(record.inputs()) || !record.pending().isEmpty()
                || !owner.equals(record.owner()) || !record.written().keySet().equals(record.paths())) {
            return null;
        }
        List<String> foreign = new ArrayList<>();
        // null when the folder states show that the record's files are all there is: then each is looked at alone
        Map<String, Found> walked = null;
        if (ownFolder) {
            Found base = foundFolder(folder);
            if (base == null || !base.isDirectory()) {
                return null;
            }
            if (!holdsOnlyRecorded(base)) {
                walked = new HashMap<>();
                walk(folder, "", walked, foreign);
            }
        }
        List<Path> unchanged = new ArrayList<>(record.written().size());
        for (Map.Entry<String, WriteRecord.Written> entry : record.written().entrySet()) {
            Path path = folder.resolve(entry.getKey());
            Found file = walked == null ? found(path) : walked.get(entry.getKey());
            WriteRecord.Written written = entry.getValue();
            if (file == null || !file.isRegularFile()
                    || modeChange(file, modeBits(written.executable(), written.secret())) != Change.NONE) {
                return null;
            }
            if (!file.inState(written.state()) && !written.sha256().equals(Checksums.sha256Of(path))) {
                return null;
            }
            unchanged.add(path);
        }
        foreign.sort(null);
        return new Outcome(List.of(), unchanged, List.of(), foreign);
    }

    /**
     * Whether the record's folder states show that the guest folder ({@code base}, as one look has
     * just shown it) holds nothing but the record's files and their folders: every recorded folder
     * still a folder in its recorded state, or, where that state was too recent to prove anything,
     * still listing exactly the record's names. {@code false} when the folder must be walked to find
     * out.
     */
    private boolean holdsOnlyRecorded(Found base) throws IOException {
        if (!record.folders().keySet().equals(folders(record.paths()))) {
            return false;
        }
        // the folders' names only where a state does not vouch for them, which a no-op build never needs
        Map<String, Set<String>> entries = null;
        for (Map.Entry<String, String> recorded : record.folders().entrySet()) {
            Path directory = folderOf(recorded.getKey());
            // the guest folder was looked at just before
            Found now = recorded.getKey().equals(WriteRecord.GUEST_FOLDER) ? base : foundFolder(directory);
            if (now == null || !now.isDirectory()) {
                return false;
            }
            if (!now.inFolderState(recorded.getValue())) {
                entries = entries == null ? entries(record.paths()) : entries;
                if (!entries.get(recorded.getKey()).equals(names(directory))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every entry under {@code directory}: the record's files into {@code found}, everything else but folders into {@code foreign}; links are not followed. */
    private void walk(Path directory, String prefix, Map<String, Found> found, List<String> foreign) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory)) {
            listing.forEach(entries::add);
        }
        for (Path entry : entries) {
            String path = prefix + entry.getFileName();
            Found attributes = found(entry);
            if (attributes == null) {
                continue;
            }
            if (attributes.isDirectory()) {
                walk(entry, path + "/", found, foreign);
            } else if (record.paths().contains(path)) {
                found.put(path, attributes);
            } else {
                foreign.add(path);
            }
        }
    }

    /**
     * Compares {@code files} with what is on disk, reading nothing but attributes and the bytes of
     * files of the same size (none when the record vouches for a file's state), and stages the
     * bytes of every file that must be written, unless something is in the way.
     *
     * @param sha256 each file's digest, in the order of {@code files}
     */
    Plan plan(List<RenderedFile> files, List<String> sha256, Staging staging) throws IOException {
        boolean fresh = ownFolder && found(folder) == null;
        List<Step> steps = new ArrayList<>(files.size());
        List<String> conflicts = new ArrayList<>();
        Map<Path, String> checked = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            RenderedFile file = files.get(i);
            String sum = sha256.get(i);
            Path target = folder.resolve(file.path());
            if (fresh) {
                steps.add(new Step(file.path(), file.executable(), file.secret(), sum, target, Change.CONTENT, null));
                continue;
            }
            String blocked = blockedFolder(target, checked);
            if (blocked != null) {
                if (!conflicts.contains(blocked)) {
                    conflicts.add(blocked);
                }
                continue;
            }
            Found existing = found(target);
            Change change;
            if (existing == null) {
                change = Change.CONTENT;
            } else if (!existing.isRegularFile()) {
                conflicts.add(file.path() + ": " + existing.kind() + " the plugin did not make, where the bundle has a file");
                continue;
            } else if (holds(target, existing, file, sum)) {
                // The same bytes, whoever wrote them: nothing can be lost, so the file counts as the plugin's.
                change = modeChange(existing, modeBits(file.executable(), file.secret()));
            } else if (owned.contains(file.path())) {
                change = Change.CONTENT;
            } else {
                conflicts.add(file.path() + ": a file the plugin did not write, where the bundle has a file of other content");
                continue;
            }
            steps.add(new Step(file.path(), file.executable(), file.secret(), sum, target, change, null));
        }
        if (!conflicts.isEmpty()) {
            return new Plan(steps, conflicts, fresh, null);
        }
        Staging.Tree tree = fresh ? staging.tree() : null;
        List<Step> staged = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.change() != Change.CONTENT) {
                staged.add(step);
                continue;
            }
            byte[] content = files.get(i).content();
            Set<PosixFilePermission> mode = mode(step.executable(), step.secret());
            staged.add(new Step(step.path(), step.executable(), step.secret(), step.sha256(), step.target(), step.change(),
                    tree != null ? tree.stage(step.path(), content, mode) : staging.stage(content, mode)));
        }
        return new Plan(staged, conflicts, fresh, tree == null ? null : tree.root());
    }

    /**
     * Whether the regular file {@code target} already holds {@code file}'s bytes: the record
     * vouches for it when the file is in the state recorded after the plugin wrote these bytes;
     * otherwise a file of the same size is read and compared.
     */
    private boolean holds(Path target, Found existing, RenderedFile file, String sha256) throws IOException {
        WriteRecord.Written written = record == null ? null : record.written().get(file.path());
        if (written != null && existing.inState(written.state())) {
            return written.sha256().equals(sha256);
        }
        return existing.size() == file.content().length && Arrays.equals(Files.readAllBytes(target), file.content());
    }

    /**
     * Carries out a plan without conflicts: records every file before writing any, moves the staged
     * files into place, removes the files of the record the plan no longer has. A build killed at
     * any point leaves every file it wrote in the record; {@link #finish} then records exactly the
     * plan's files.
     */
    Outcome write(Plan plan) throws IOException {
        if (!plan.conflicts().isEmpty()) {
            throw new IllegalStateException("a plan with conflicts is not written: " + plan.conflicts());
        }
        Set<String> paths = paths(plan);
        boolean writes = plan.steps().stream().anyMatch(step -> step.change() == Change.CONTENT);
        String token = newToken();
        if (writes) {
            Set<String> all = new TreeSet<>(owned);
            all.addAll(paths);
            Set<String> pending = new TreeSet<>(record == null ? Set.of() : record.pending());
            pending.add(token);
            WriteRecord.of(owner, all, pending).save(recordFile);
        }
        List<Path> written = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        if (plan.stagedFolder() != null && movedWhole(plan.stagedFolder())) {
            plan.steps().forEach(step -> written.add(step.target()));
            return new Outcome(written, unchanged, removeAll(stale(paths), false), List.of());
        }
        Set<Path> directories = new HashSet<>();
        if (plan.fresh()) {
            Files.createDirectories(folder);
            directories.add(folder);
        }
        for (Step step : plan.steps()) {
            switch (step.change()) {
                case NONE -> unchanged.add(step.target());
                case MODE -> {
                    Files.setPosixFilePermissions(step.target(), mode(step.executable(), step.secret()));
                    written.add(step.target());
                }
                case CONTENT -> {
                    createFolders(step.target().getParent(), directories, plan.fresh());
                    moveIntoPlace(step.staged(), step.target(), mode(step.executable(), step.secret()), token);
                    written.add(step.target());
                }
            }
        }
        List<Path> removed = removeAll(stale(paths), false);
        List<String> foreign = ownFolder && !plan.fresh() ? foreign(paths) : List.of();
        return new Outcome(written, unchanged, removed, foreign);
    }

    /** The recorded files a plan of {@code paths} no longer has. */
    private Set<String> stale(Set<String> paths) {
        Set<String> stale = new TreeSet<>(owned);
        stale.removeAll(paths);
        return stale;
    }

    /**
     * Moves a guest folder staged whole into the place of the folder, which did not exist when it was
     * planned, with one rename; {@code false} when the staging folder is on another file system, where
     * the files are moved one by one.
     */
    private boolean movedWhole(Path staged) throws IOException {
        Files.createDirectories(folder.getParent());
        try {
            Files.move(staged, folder, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            return false;
        }
    }

    /**
     * Records exactly the files of a written plan, what they were made from, and what each holds
     * and looks like on disk now; a file changed too recently for its state to prove anything
     * later is recorded without one. The record is left alone when it already says all this.
     *
     * @param inputs what the files were made from, or {@code null} when unknown
     */
    void finish(Plan plan, String inputs) throws IOException {
        SortedMap<String, WriteRecord.Written> written = new TreeMap<>();
        long now = nanos(Instant.now());
        for (Step step : plan.steps()) {
            Found file = found(step.target());
            written.put(step.path(), new WriteRecord.Written(step.sha256(), step.executable(), step.secret(),
                    file == null || !file.settled(now) ? null : file.state()));
        }
        WriteRecord exact = new WriteRecord(owner, inputs, new TreeSet<>(paths(plan)), new TreeSet<>(), written,
                folderStates(paths(plan), plan.fresh(), now));
        if (!exact.equals(record)) {
            exact.save(recordFile);
        }
    }

    /**
     * Each folder of the guest folder with its state ({@code null} while too recent to prove
     * anything), when the folder holds exactly {@code paths} and their folders: by construction in a
     * fresh folder, else as a listing shows. Empty otherwise, and outside a guest's own folder.
     */
    private SortedMap<String, String> folderStates(Set<String> paths, boolean fresh, long now) throws IOException {
        SortedMap<String, String> states = new TreeMap<>();
        if (!ownFolder) {
            return states;
        }
        for (Map.Entry<String, Set<String>> entry : entries(paths).entrySet()) {
            Path directory = folderOf(entry.getKey());
            // the state before the listing: an entry added in between moves it
            Found found = foundFolder(directory);
            if (found == null || !found.isDirectory() || !fresh && !entry.getValue().equals(names(directory))) {
                return new TreeMap<>();
            }
            states.put(entry.getKey(), found.settled(now) ? found.folderState() : null);
        }
        return states;
    }

    /** Each folder that {@code paths} need ({@link WriteRecord#GUEST_FOLDER} the guest folder), with the names it holds. */
    static Map<String, Set<String>> entries(Collection<String> paths) {
        Map<String, Set<String>> entries = new HashMap<>();
        entries.put(WriteRecord.GUEST_FOLDER, new HashSet<>());
        for (String path : paths) {
            for (String child = path; ; ) {
                int slash = child.lastIndexOf('/');
                String parent = slash < 0 ? WriteRecord.GUEST_FOLDER : child.substring(0, slash);
                boolean known = entries.containsKey(parent);
                entries.computeIfAbsent(parent, name -> new HashSet<>()).add(child.substring(slash + 1));
                if (known || slash < 0) {
                    break;
                }
                child = parent;
            }
        }
        return entries;
    }

    /** Each folder that {@code paths} need, {@link WriteRecord#GUEST_FOLDER} the guest folder: {@link #entries}'s keys, without the names. */
    static Set<String> folders(Collection<String> paths) {
        Set<String> folders = new HashSet<>();
        folders.add(WriteRecord.GUEST_FOLDER);
        for (String path : paths) {
            for (int slash = path.lastIndexOf('/'); slash > 0 && folders.add(path.substring(0, slash)); ) {
                slash = path.lastIndexOf('/', slash - 1);
            }
        }
        return folders;
    }

    private Path folderOf(String name) {
        return name.equals(WriteRecord.GUEST_FOLDER) ? folder : folder.resolve(name);
    }

    /** The names in a folder, which one look without following a link has just shown to be a folder. */
    private static Set<String> names(Path directory) throws IOException {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory)) {
            listing.forEach(entry -> names.add(entry.getFileName().toString()));
        }
        return names;
    }

    /**
     * Writes and records every guest's ready files, guests side by side: first every file (so a
     * write of one guest never waits for another's record), then every record, so that most files
     * have settled by the time their state is recorded.
     *
     * @param ready the guests, none with conflicts
     * @return what each write did, in the same order
     */
    static List<Outcome> writeAll(List<Ready> ready) throws IOException {
        List<Ready> planned = new ArrayList<>();
        for (Ready guest : ready) {
            if (guest.plan() != null) {
                planned.add(guest);
            }
        }
        // only the guests with a plan go to the threads: a no-op build has none, and handing a
        // thousand guests over twice to learn that was about half of its commit
        Iterator<Outcome> written = Parallel.map(planned, guest -> guest.files().write(guest.plan())).iterator();
        Parallel.map(planned, guest -> {
            guest.files().finish(guest.plan(), guest.inputs());
            return guest;
        });
        List<Outcome> outcomes = new ArrayList<>(ready.size());
        for (Ready guest : ready) {
            outcomes.add(guest.plan() == null ? guest.keptAsTheyAre() : written.next());
        }
        return outcomes;
    }

    private static Set<String> paths(Plan plan) {
        Set<String> paths = new LinkedHashSet<>();
        plan.steps().forEach(step -> paths.add(step.path()));
        return paths;
    }

    /**
     * Cleans up after the guests no longer declared: for each guest with a record of this kind in
     * {@code directory} that is not in {@code declared}, removes what the plugin wrote for it
     * ({@link #removeAll}) when the record names {@code owner}, who writes now; guests another
     * owner wrote into a shared directory are left alone, and so are the copies of records its
     * builds may be saving ({@link WriteRecord#removeLeftovers}).
     *
     * @param open opens a guest's files as {@code owner} writes them
     * @return what each clean-up did, by guest name, in name order
     */
    static Map<String, Outcome> removeUndeclared(Path directory, String suffix, Set<String> declared, String owner,
            Opener open) throws IOException {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        // listed after every record of this build is saved
        WriteRecord.Listing records = WriteRecord.list(directory, suffix, owner, name -> !declared.contains(name));
        for (String guestName : records.guests()) {
            OwnedFiles files = open.open(guestName);
            // a record gone since the listing (another build cleaned up after the guest) has nothing left to clean up
            if (files.recorded() && files.record().owner().equals(owner)) {
                outcomes.put(guestName, files.removeAll());
            }
        }
        WriteRecord.removeLeftovers(records);
        return outcomes;
    }

    /**
     * Removes every file of the record, for a guest no longer declared: the folders that leaves
     * empty go too (the guest folder included), the record last. What the plugin did not write stays.
     */
    Outcome removeAll() throws IOException {
        List<Path> removed = List.of();
        List<String> foreign = List.of();
        Found base = found(folder);
        if (!ownFolder || base != null && base.isDirectory()) {
            removed = removeAll(owned, true);
            if (ownFolder && found(folder) != null) {
                foreign = foreign(Set.of());
            }
        } else if (base != null) {
            foreign = List.of(".: " + base.kind() + ", not the folder the plugin wrote");
        }
        WriteRecord.delete(recordFile, owner);
        return new Outcome(List.of(), List.of(), removed, foreign);
    }

    /**
     * Removes the recorded files among {@code paths} that are still regular files reached without a
     * link, and the temporary files of writes the record says may have been cut short.
     */
    private List<Path> removeAll(Set<String> paths, boolean withFolder) throws IOException {
        Map<Path, String> checked = new HashMap<>();
        Set<Path> emptied = new HashSet<>();
        List<Path> removed = new ArrayList<>();
        for (String path : new TreeSet<>(paths)) {
            Path target = folder.resolve(path);
            // its folder may be empty now, or since a build that was killed after removing the file
            emptied.add(target.getParent());
            if (deleteRegular(target, checked)) {
                removed.add(target);
            }
        }
        if (record != null && !record.pending().isEmpty()) {
            for (String token : record.pending()) {
                for (String path : owned) {
                    // its folder is emptied only with its file: stale, so in emptied already, or else still there
                    deleteRegular(WriteRecord.temporary(folder.resolve(path), token), checked);
                }
            }
        }
        if (ownFolder) {
            for (Path directory : emptied) {
                if (blockedFolder(directory.resolve("x"), checked) == null) {
                    removeEmptyFolders(directory, withFolder);
                }
            }
        }
        return removed;
    }

    private boolean deleteRegular(Path target, Map<Path, String> checked) throws IOException {
        if (blockedFolder(target, checked) != null) {
            return false;
        }
        Found existing = found(target);
        if (existing == null || !existing.isRegularFile()) {
            return false;
        }
        Files.delete(target);
        return true;
    }

    /** Removes {@code directory} and its parents up to the folder while they are empty (the folder too with {@code withFolder}). */
    private void removeEmptyFolders(Path directory, boolean withFolder) throws IOException {
        for (Path current = directory; current != null && current.startsWith(folder); current = current.getParent()) {
            if (current.equals(folder) && !withFolder) {
                return;
            }
            Found existing = found(current);
            if (existing == null) {
                // gone already (a build killed while removing folders): its parents may still be empty
                continue;
            }
            if (!existing.isDirectory()) {
                return;
            }
            try {
                Files.delete(current);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    /** Everything in the folder but its folders and {@code ours}, relative and sorted: what the plugin did not write. */
    private List<String> foreign(Set<String> ours) throws IOException {
        // find hands over the attributes the walk read anyway (of a link itself, not its target)
        try (Stream<Path> walk = Files.find(folder, Integer.MAX_VALUE, (path, attributes) -> !attributes.isDirectory())) {
            return walk
                    .map(path -> folder.relativize(path).toString().replace(folder.getFileSystem().getSeparator(), "/"))
                    .filter(path -> !ours.contains(path))
                    .sorted()
                    .toList();
        }
    }

    /**
     * The first folder on the way to {@code target} that is something other than a real folder (a
     * link, a file), with what it is; {@code null} when the way is clear. Checked from the guest
     * folder down: a link there could lead a write or a removal anywhere on the machine.
     */
    private String blockedFolder(Path target, Map<Path, String> checked) throws IOException {
        if (!ownFolder) {
            return null;
        }
        List<Path> chain = new ArrayList<>();
        for (Path current = target.getParent(); current != null && current.startsWith(folder); current = current.getParent()) {
            chain.add(0, current);
        }
        for (Path directory : chain) {
            String known = checked.get(directory);
            if (known != null) {
                if (known.isEmpty()) {
                    continue;
                }
                return known;
            }
            Found existing = found(directory);
            if (existing == null) {
                return null;
            }
            String verdict = existing.isDirectory() ? ""
                    : relative(directory) + ": " + existing.kind() + " the plugin did not make, where the bundle has a folder";
            checked.put(directory, verdict);
            if (!verdict.isEmpty()) {
                return verdict;
            }
        }
        return null;
    }

    private String relative(Path path) {
        return path.equals(folder) ? "." : folder.relativize(path).toString();
    }

    /**
     * A directory entry as one look at it (a link not followed) shows it.
     *
     * @param type {@code 'f'} regular file, {@code 'd'} folder, {@code 'l'} link, {@code 'o'} anything else
     * @param permissions its permission bits, {@code -1} where the file system has none
     * @param modified its modification time, in nanoseconds since the epoch
     * @param changed its status change time (ctime), in nanoseconds; {@code -1} where unknown
     * @param inode its inode number; {@code -1} where unknown
     */
    record Found(char type, long size, int permissions, long modified, long changed, long inode) {

        boolean isRegularFile() {
            return type == 'f';
        }

        boolean isDirectory() {
            return type == 'd';
        }

        String kind() {
            return switch (type) {
                case 'l' -> "a link";
                case 'd' -> "a folder";
                case 'f' -> "a file";
                default -> "a special file";
            };
        }

        /**
         * What the record keeps to recognize the file later: any write moves both times (and a
         * replacement the inode), so a file in this state still holds what it held; {@code null}
         * where the change time or inode is unknown.
         */
        String state() {
            return changed < 0 || inode < 0 ? null : size + "." + modified + "." + changed + "." + inode;
        }

        /**
         * Whether {@code recorded} is this entry's {@link #state()}, read in place: a no-op build
         * compares 25,000 states before anything is compiled, and making each one's text first
         * formatted four numbers into a new string every time.
         *
         * @param recorded a state as the record keeps it, or {@code null} (which no entry is in)
         */
        boolean inState(String recorded) {
            if (recorded == null || changed < 0 || inode < 0) {
                return false;
            }
            int at = skip(recorded, 0, size);
            at = skip(recorded, dot(recorded, at), modified);
            at = skip(recorded, dot(recorded, at), changed);
            at = skip(recorded, dot(recorded, at), inode);
            return at == recorded.length();
        }

        /** The index past the {@code '.'} at {@code at} in {@code text}; {@code -1} when there is none. */
        private static int dot(String text, int at) {
            return at >= 0 && at < text.length() && text.charAt(at) == '.' ? at + 1 : -1;
        }

        /**
         * The index just past {@code value} written in decimal, as {@link Long#toString(long)} writes
         * it, at {@code at} in {@code text}; {@code -1} when it is not there.
         */
        private static int skip(String text, int at, long value) {
            if (at < 0) {
                return -1;
            }
            int start = value < 0 ? at + 1 : at;
            if (value < 0 && !text.startsWith("-", at)) {
                return -1;
            }
            // counted down from a value never above zero: Long.MIN_VALUE has no positive twin
            long rest = value < 0 ? value : -value;
            int digits = 1;
            for (long shorter = rest / 10; shorter != 0; shorter /= 10) {
                digits++;
            }
            int end = start + digits;
            if (end > text.length()) {
                return -1;
            }
            for (int i = end - 1; i >= start; i--) {
                if (text.charAt(i) != (char) ('0' - rest % 10)) {
                    return -1;
                }
                rest /= 10;
            }
            return end;
        }

        /**
         * What the record keeps to recognize a folder later ({@link #foundFolder}): an entry added,
         * removed or renamed moves its modification time (and mostly its size).
         */
        String folderState() {
            return size + "." + modified;
        }

        /** Whether {@code recorded} is this folder's {@link #folderState()}, read in place as {@link #inState} does. */
        boolean inFolderState(String recorded) {
            if (recorded == null) {
                return false;
            }
            int at = skip(recorded, 0, size);
            return skip(recorded, dot(recorded, at), modified) == recorded.length();
        }

        /** Whether a change after this look would have to show in its times, {@code now} being later. */
        boolean settled(long now) {
            long last = Math.max(modified, changed);
            // a change time this look did not read ({@code -1}) cannot show that times have fractions
            boolean wholeSeconds = modified % 1_000_000_000L == 0 && (changed < 0 || changed % 1_000_000_000L == 0);
            return now - last > (wholeSeconds ? SETTLED_NANOS_WHOLE_SECONDS : SETTLED_NANOS);
        }
    }

    /** The entry's own attributes (a link is not followed), or {@code null} when there is none. */
    private static Found found(Path path) throws IOException {
        try {
            if (UNIX) {
                Map<String, Object> unix = Files.readAttributes(path, UNIX_ATTRIBUTES, NO_FOLLOW);
                int mode = (Integer) unix.get("mode");
                char type = switch (mode & 0170000) {
                    case 0100000 -> 'f';
                    case 0040000 -> 'd';
                    case 0120000 -> 'l';
                    default -> 'o';
                };
                return new Found(type, (Long) unix.get("size"), mode & 0777, nanos((FileTime) unix.get("lastModifiedTime")),
                        nanos((FileTime) unix.get("ctime")), (Long) unix.get("ino"));
            }
            BasicFileAttributes attributes = Files.readAttributes(path, ATTRIBUTES, NO_FOLLOW);
            return new Found(type(attributes), attributes.size(),
                    POSIX ? bits(((PosixFileAttributes) attributes).permissions()) : -1,
                    nanos(attributes.lastModifiedTime()), -1, -1);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * A folder's own attributes as one look (a link not followed) shows them: what its
     * {@link Found#folderState} needs, without the change time and inode a file's state needs. A
     * folder's state only vouches that nothing was added to it, removed or renamed, which its
     * modification time shows unless someone puts it back by hand; then a no-op build misses that
     * name in its report of what the plugin did not write, and nothing else. Read through
     * {@link BasicFileAttributes}, for which no-op builds of 1,000 guests (13,000 folders) took 130 ms
     * less wall time and 235 ms less CPU in the median of sixteen pairs head to head than through
     * the {@code unix} view's attribute map.
     */
    private static Found foundFolder(Path path) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, NO_FOLLOW);
            return new Found(type(attributes), attributes.size(), -1, nanos(attributes.lastModifiedTime()), -1, -1);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static char type(BasicFileAttributes attributes) {
        return attributes.isSymbolicLink() ? 'l' : attributes.isDirectory() ? 'd' : attributes.isRegularFile() ? 'f' : 'o';
    }

    /** In nanoseconds since the epoch, without making an {@link Instant} of each of a no-op's 25,000 times. */
    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    private static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    /** The permission bits of a mode, as {@code ls -l} would show them in octal. */
    private static int bits(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission permission : mode) {
            bits |= 0400 >> permission.ordinal();
        }
        return bits;
    }

    /** A secret's file is root's alone (0600), else an executable's 0755, any other 0644. */
    static Set<PosixFilePermission> mode(boolean executable, boolean secret) {
        return secret ? SECRET : executable ? EXECUTABLE : REGULAR;
    }

    /** {@link #mode}'s bits, without iterating its set for each of a no-op's 12,000 files. */
    private static int modeBits(boolean executable, boolean secret) {
        return secret ? SECRET_BITS : executable ? EXECUTABLE_BITS : REGULAR_BITS;
    }

    /** Creates the missing folders up to {@code directory}; in a fresh guest folder, one mkdir each, parents first. */
    private static void createFolders(Path directory, Set<Path> present, boolean fresh) throws IOException {
        if (fresh) {
            createMissing(directory, present);
        } else if (present.add(directory)) {
            Files.createDirectories(directory);
        }
    }

    /** Creates {@code directory} and the folders above it not yet in {@code present}, parents first, one mkdir each. */
    static void createMissing(Path directory, Set<Path> present) throws IOException {
        if (present.add(directory)) {
            createMissing(directory.getParent(), present);
            Files.createDirectory(directory);
        }
    }

    private static String newToken() {
        return Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, Character.MAX_RADIX);
    }

    /**
     * Writes one regular file whole, outside any guest folder's record: unless it already holds
     * these bytes with mode {@code rw-r--r--}, through a temporary file beside it moved into place.
     */
    static boolean writeWhole(Path target, byte[] content) throws IOException {
        Found existing = found(target);
        if (existing == null || !existing.isRegularFile() || !holds(target, existing, content)) {
            replace(target, content, REGULAR, newToken());
        } else if (modeChange(existing, REGULAR_BITS) == Change.MODE) {
            Files.setPosixFilePermissions(target, REGULAR);
        } else {
            return false;
        }
        return true;
    }

    /** Whether the regular file {@code target}, with these attributes, already holds {@code content}. */
    private static boolean holds(Path target, Found existing, byte[] content) throws IOException {
        return existing.size() == content.length && Arrays.equals(Files.readAllBytes(target), content);
    }

    /** {@link Change#NONE} when a file with these attributes has the mode of these {@code bits} (or modes do not exist here), else {@link Change#MODE}. */
    private static Change modeChange(Found existing, int bits) {
        return !POSIX || existing.permissions() == bits ? Change.NONE : Change.MODE;
    }

    /**
     * Moves a staged file into place with one rename; where the target is on another file system
     * than the staging folder, copies it to the write's temporary file beside the target first.
     */
    private static void moveIntoPlace(Path staged, Path target, Set<PosixFilePermission> mode, String token)
            throws IOException {
        try {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            replace(target, Files.readAllBytes(staged), mode, token);
        }
    }

    /** Writes {@code content} to the write's temporary file beside {@code target} and moves it into place. */
    private static void replace(Path target, byte[] content, Set<PosixFilePermission> mode, String token)
            throws IOException {
        Path temporary = WriteRecord.temporary(target, token);
        boolean moved = false;
        try {
            // Created with its mode (a secret is never readable by others, not even for a moment);
            // the umask may take bits away, which the next call puts back.
            if (POSIX) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(mode));
            }
            Files.write(temporary, content, POSIX ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            if (POSIX) {
                Files.setPosixFilePermissions(temporary, mode);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
