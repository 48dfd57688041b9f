package io.github.xenpv.bundle;

import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The files the plugin keeps for one guest under one folder (its bundle folder, or the build
 * directory for its archives), written and removed by the rule that the plugin owns only what
 * it wrote: {@link WriteRecord} lists those files, and nothing else is ever replaced or removed.
 *
 * <p>A file whose bytes and mode are already right is left alone (its time stays); any other is
 * written to a temporary file beside it and moved into place. Nothing is written through a link
 * or over a file the plugin did not write: {@link #plan} finds every such path first, so the
 * caller can refuse before the first byte changes.
 */
final class OwnedFiles {

    static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");
    static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Class<? extends BasicFileAttributes> ATTRIBUTES =
            POSIX ? PosixFileAttributes.class : BasicFileAttributes.class;
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /** What one file needs. */
    enum Change { NONE, MODE, CONTENT }

    record Step(RenderedFile file, Path target, Change change) {
    }

    /**
     * What writing a set of files would do.
     *
     * @param conflicts paths (relative to the folder) that hold something the plugin did not write,
     *     each with what is there; writing is refused while there are any
     * @param fresh the folder does not exist yet, so nothing in it needs comparing
     */
    record Plan(List<Step> steps, List<String> conflicts, boolean fresh) {
    }

    /** What a write or a clean-up did: the files written, unchanged and removed, and what it left because the plugin did not write it. */
    record Outcome(List<Path> written, List<Path> unchanged, List<Path> removed, List<String> foreign) {
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

    /** Compares {@code files} with what is on disk, reading nothing but attributes and the bytes of files of the same size. */
    Plan plan(List<RenderedFile> files) throws IOException {
        boolean fresh = ownFolder && attributes(folder) == null;
        List<Step> steps = new ArrayList<>(files.size());
        List<String> conflicts = new ArrayList<>();
        Map<Path, String> checked = new HashMap<>();
        for (RenderedFile file : files) {
            Path target = folder.resolve(file.path());
            if (fresh) {
                steps.add(new Step(file, target, Change.CONTENT));
                continue;
            }
            String blocked = blockedFolder(target, checked);
            if (blocked != null) {
                if (!conflicts.contains(blocked)) {
                    conflicts.add(blocked);
                }
                continue;
            }
            BasicFileAttributes existing = attributes(target);
            if (existing == null) {
                steps.add(new Step(file, target, Change.CONTENT));
            } else if (!existing.isRegularFile()) {
                conflicts.add(file.path() + ": " + kind(existing) + " the plugin did not make, where the bundle has a file");
            } else if (holds(target, existing, file.content())) {
                // The same bytes, whoever wrote them: nothing can be lost, so the file counts as the plugin's.
                steps.add(new Step(file, target, modeChange(existing, mode(file))));
            } else if (owned.contains(file.path())) {
                steps.add(new Step(file, target, Change.CONTENT));
            } else {
                conflicts.add(file.path() + ": a file the plugin did not write, where the bundle has a file of other content");
            }
        }
        return new Plan(steps, conflicts, fresh);
    }

    /**
     * Carries out a plan without conflicts: records every file before writing any, writes what
     * changed, removes the files of the record the plan no longer has, then records exactly the
     * plan's files. A build killed at any point leaves every file it wrote in the record.
     */
    Outcome write(Plan plan) throws IOException {
        if (!plan.conflicts().isEmpty()) {
            throw new IllegalStateException("a plan with conflicts is not written: " + plan.conflicts());
        }
        Set<String> paths = new LinkedHashSet<>();
        plan.steps().forEach(step -> paths.add(step.file().path()));
        boolean writes = plan.steps().stream().anyMatch(step -> step.change() == Change.CONTENT);
        String token = newToken();
        if (writes) {
            Set<String> all = new TreeSet<>(owned);
            all.addAll(paths);
            Set<String> pending = new TreeSet<>(record == null ? Set.of() : record.pending());
            pending.add(token);
            WriteRecord.of(owner, all, pending).save(recordFile);
        }
        Set<Path> directories = new HashSet<>();
        if (plan.fresh()) {
            Files.createDirectories(folder);
            directories.add(folder);
        }
        List<Path> written = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        for (Step step : plan.steps()) {
            switch (step.change()) {
                case NONE -> unchanged.add(step.target());
                case MODE -> {
                    Files.setPosixFilePermissions(step.target(), mode(step.file()));
                    written.add(step.target());
                }
                case CONTENT -> {
                    createFolders(step.target().getParent(), directories, plan.fresh());
                    replace(step.target(), step.file().content(), mode(step.file()), token);
                    written.add(step.target());
                }
            }
        }
        Set<String> stale = new TreeSet<>(owned);
        stale.removeAll(paths);
        List<Path> removed = removeAll(stale, false);
        WriteRecord exact = WriteRecord.of(owner, paths, Set.of());
        if (writes || !exact.equals(record)) {
            exact.save(recordFile);
        }
        List<String> foreign = ownFolder && !plan.fresh() ? foreign(paths) : List.of();
        return new Outcome(written, unchanged, removed, foreign);
    }

    /**
     * Cleans up after the guests no longer declared: for each guest with a record of this kind in
     * {@code directory} that is not in {@code declared}, removes what the plugin wrote for it
     * ({@link #removeAll}) when the record names the owner {@code open} writes as; guests another
     * owner wrote into a shared directory are left alone.
     *
     * @return what each clean-up did, by guest name, in name order
     */
    static Map<String, Outcome> removeUndeclared(Path directory, String suffix, Set<String> declared, Opener open)
            throws IOException {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (String guestName : WriteRecord.recordedGuests(directory, suffix)) {
            if (declared.contains(guestName)) {
                continue;
            }
            OwnedFiles files = open.open(guestName);
            if (files.record().owner().equals(files.owner)) {
                outcomes.put(guestName, files.removeAll());
            }
        }
        return outcomes;
    }

    /**
     * Removes every file of the record, for a guest no longer declared: the folders that leaves
     * empty go too (the guest folder included), the record last. What the plugin did not write stays.
     */
    Outcome removeAll() throws IOException {
        List<Path> removed = List.of();
        List<String> foreign = List.of();
        BasicFileAttributes base = attributes(folder);
        if (!ownFolder || base != null && base.isDirectory()) {
            removed = removeAll(owned, true);
            if (ownFolder && attributes(folder) != null) {
                foreign = foreign(Set.of());
            }
        } else if (base != null) {
            foreign = List.of(".: " + kind(base) + ", not the folder the plugin wrote");
        }
        WriteRecord.delete(recordFile);
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
                    Path temporary = WriteRecord.temporary(folder.resolve(path), token);
                    if (deleteRegular(temporary, checked)) {
                        emptied.add(temporary.getParent());
                    }
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
        BasicFileAttributes existing = attributes(target);
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
            BasicFileAttributes existing = attributes(current);
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
            BasicFileAttributes existing = attributes(directory);
            if (existing == null) {
                return null;
            }
            String verdict = existing.isDirectory() ? ""
                    : relative(directory) + ": " + kind(existing) + " the plugin did not make, where the bundle has a folder";
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

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "a link";
        }
        if (attributes.isDirectory()) {
            return "a folder";
        }
        return attributes.isRegularFile() ? "a file" : "a special file";
    }

    /** The entry's own attributes (a link is not followed), or {@code null} when there is none. */
    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, ATTRIBUTES, NO_FOLLOW);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Set<PosixFilePermission> mode(RenderedFile file) {
        return file.secret() ? SECRET : file.executable() ? EXECUTABLE : REGULAR;
    }

    /** Creates the missing folders up to {@code directory}; in a fresh guest folder, one mkdir each, parents first. */
    private static void createFolders(Path directory, Set<Path> present, boolean fresh) throws IOException {
        if (fresh) {
            createMissing(directory, present);
        } else if (present.add(directory)) {
            Files.createDirectories(directory);
        }
    }

    private static void createMissing(Path directory, Set<Path> present) throws IOException {
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
        BasicFileAttributes existing = attributes(target);
        if (existing == null || !existing.isRegularFile() || !holds(target, existing, content)) {
            replace(target, content, REGULAR, newToken());
        } else if (modeChange(existing, REGULAR) == Change.MODE) {
            Files.setPosixFilePermissions(target, REGULAR);
        } else {
            return false;
        }
        return true;
    }

    /** Whether the regular file {@code target}, with these attributes, already holds {@code content}. */
    private static boolean holds(Path target, BasicFileAttributes existing, byte[] content) throws IOException {
        return existing.size() == content.length && Arrays.equals(Files.readAllBytes(target), content);
    }

    /** {@link Change#NONE} when a file with these attributes has {@code mode} (or modes do not exist here), else {@link Change#MODE}. */
    private static Change modeChange(BasicFileAttributes existing, Set<PosixFilePermission> mode) {
        return !POSIX || ((PosixFileAttributes) existing).permissions().equals(mode) ? Change.NONE : Change.MODE;
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
