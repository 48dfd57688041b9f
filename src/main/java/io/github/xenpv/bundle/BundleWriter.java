package io.github.xenpv.bundle;

import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes bundles to disk. A file whose bytes and mode are already right is left alone (its time
 * stays, so a no-op rebuild writes nothing); any other is written to a temporary file beside it
 * and moved into place, so a reader never sees half a file. Files a guest's folder no longer
 * has (say rc.modules after a switch to rc.local) are removed.
 */
public final class BundleWriter {

    static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    /** The mode of a file that does not run: {@code rw-r--r--}. */
    public static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Class<? extends BasicFileAttributes> ATTRIBUTES =
            POSIX ? PosixFileAttributes.class : BasicFileAttributes.class;

    /**
     * What a write did, for the build log: the files it wrote, the files already right (kept as
     * they were) and the stale files it removed, each in the order it met them.
     *
     * @param written files written, new or changed
     * @param unchanged files whose bytes and mode were already right, left alone
     * @param removed files the bundle no longer has, removed
     */
    public record Report(List<Path> written, List<Path> unchanged, List<Path> removed) {

        /**
         * A report holding copies of the lists.
         *
         * @param written files written, new or changed
         * @param unchanged files whose bytes and mode were already right, left alone
         * @param removed files the bundle no longer has, removed
         */
        public Report {
            written = List.copyOf(written);
            unchanged = List.copyOf(unchanged);
            removed = List.copyOf(removed);
        }

        static final Report NOTHING = new Report(List.of(), List.of(), List.of());

        Report plus(Report other) {
            return new Report(concat(written, other.written), concat(unchanged, other.unchanged),
                    concat(removed, other.removed));
        }

        private static List<Path> concat(List<Path> first, List<Path> second) {
            List<Path> both = new ArrayList<>(first);
            both.addAll(second);
            return both;
        }
    }

    private BundleWriter() {
    }

    static Report write(Path outputDirectory, List<GuestBundle> bundles) throws IOException {
        Report report = Report.NOTHING;
        for (GuestBundle bundle : bundles) {
            report = report.plus(write(outputDirectory.resolve(bundle.guestName()), bundle));
        }
        return report;
    }

    private static Report write(Path folder, GuestBundle bundle) throws IOException {
        // A guest folder this write creates has no file to compare with and none gone stale:
        // skipping those checks and creating its folders top-down saves most of a fleet's syscalls.
        boolean fresh = !Files.exists(folder);
        Set<Path> directories = new HashSet<>();
        if (fresh) {
            Files.createDirectories(folder);
            directories.add(folder);
        }
        List<Path> written = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        Set<Path> expected = new HashSet<>();
        for (RenderedFile file : bundle.files()) {
            Path target = folder.resolve(file.path());
            expected.add(target);
            if (writeIfChanged(target, file.content(), file.executable() ? EXECUTABLE : REGULAR, fresh, directories)) {
                written.add(target);
            } else {
                unchanged.add(target);
            }
        }
        return new Report(written, unchanged, fresh ? List.of() : removeOthers(folder, expected));
    }

    /**
     * Writes a file atomically (a temporary file beside it, moved into place) unless it already
     * holds these bytes with this mode.
     *
     * @param target  the file
     * @param content its bytes
     * @param mode    its mode, where the file system has POSIX modes
     * @return whether anything changed
     * @throws IOException when the file or its folder cannot be written
     */
    public static boolean writeIfChanged(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        return writeIfChanged(target, content, mode, false, new HashSet<>());
    }

    /**
     * Leaves a file with the right bytes and mode alone, fixes only the mode when just that is
     * wrong, and replaces it otherwise; {@code true} when anything changed.
     *
     * @param fresh the file's guest folder was created by this write, so nothing is there to compare
     * @param directories folders known to exist; new ones are added
     */
    private static boolean writeIfChanged(Path target, byte[] content, Set<PosixFilePermission> mode, boolean fresh,
            Set<Path> directories) throws IOException {
        if (!fresh) {
            BasicFileAttributes existing = attributesIfPresent(target);
            if (existing != null && existing.isRegularFile() && existing.size() == content.length
                    && Arrays.equals(Files.readAllBytes(target), content)) {
                if (!POSIX || ((PosixFileAttributes) existing).permissions().equals(mode)) {
                    return false;
                }
                Files.setPosixFilePermissions(target, mode);
                return true;
            }
        }
        Path parent = target.getParent();
        if (fresh) {
            createMissing(parent, directories);
        } else if (directories.add(parent)) {
            Files.createDirectories(parent);
        }
        replace(target, content, mode);
        return true;
    }

    /** One stat for both questions the writer asks: is it a regular file, and with which mode. */
    private static BasicFileAttributes attributesIfPresent(Path target) throws IOException {
        try {
            return Files.readAttributes(target, ATTRIBUTES);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Creates {@code directory} and whichever parents are not in {@code present}, one mkdir each, parents first. */
    private static void createMissing(Path directory, Set<Path> present) throws IOException {
        if (present.add(directory)) {
            createMissing(directory.getParent(), present);
            Files.createDirectory(directory);
        }
    }

    /** Writes {@code content} to a new temporary file beside {@code target} and moves it into place. */
    private static void replace(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), Character.MAX_RADIX) + ".xenpv-tmp");
        boolean moved = false;
        try {
            Files.write(temporary, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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

    private static List<Path> removeOthers(Path folder, Set<Path> expected) throws IOException {
        List<Path> stale;
        try (Stream<Path> walk = Files.walk(folder)) {
            stale = walk.filter(Files::isRegularFile).filter(path -> !expected.contains(path)).toList();
        }
        for (Path path : stale) {
            Files.delete(path);
        }
        return stale;
    }
}
