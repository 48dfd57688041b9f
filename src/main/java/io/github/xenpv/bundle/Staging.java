package io.github.xenpv.bundle;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A folder of files written ahead of their place: a build renders every guest into it before the
 * first file of an output folder changes, so it holds no guest's bytes in memory while the others
 * render, and a failed build leaves the output as it was. Each file is later moved into place with
 * one rename ({@link OwnedFiles}), which is why the folder sits beside what it feeds, on the same
 * file system (the build directory; the output folder's parent by default).
 *
 * <p>The folder is named {@code .xenpv-staging-<pid>-<start>-<random>} after the process that owns
 * it. A build killed before it could remove its folder leaves it behind, and the next build that
 * stages beside it removes it once that process is gone: a folder is only ever removed by its own
 * build or after its build ended, whatever number the system gave a later process.
 */
final class Staging implements Closeable {

    static final String PREFIX = ".xenpv-staging-";

    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path parent;
    private final AtomicLong count = new AtomicLong();
    private Path folder;
    /** Whether a file created with a mode gets exactly that mode (the umask takes none of its bits), so it needs no chmod. */
    private boolean modesKept;

    /** @param parent the folder to stage in; created when the first file is staged */
    Staging(Path parent) {
        this.parent = parent.toAbsolutePath();
    }

    /**
     * Writes a new staged file.
     *
     * @param content its bytes
     * @param mode its permissions, set here so that moving it into place is all that is left
     * @return the staged file
     * @throws IOException when it cannot be written
     */
    Path stage(byte[] content, Set<PosixFilePermission> mode) throws IOException {
        return write(folder().resolve(Long.toString(count.incrementAndGet())), content, mode);
    }

    /**
     * A new folder to stage a whole guest folder in, for a guest folder that does not exist yet: its
     * files wait at their own paths, and the folder then takes the guest folder's place with one
     * rename, instead of a rename and the folders for every file.
     */
    Tree tree() throws IOException {
        Path root = folder().resolve(Long.toString(count.incrementAndGet()));
        Files.createDirectory(root);
        return new Tree(root);
    }

    /** A guest folder staged whole ({@link #tree}); one guest's thread stages into it. */
    final class Tree {

        private final Path root;
        private final Set<Path> folders = new HashSet<>();

        private Tree(Path root) {
            this.root = root;
            folders.add(root);
        }

        Path root() {
            return root;
        }

        /**
         * Writes a new staged file at {@code path} in the tree, with the folders on its way.
         *
         * @param path its path relative to the guest folder
         * @param content its bytes
         * @param mode its permissions
         * @return the staged file
         * @throws IOException when it cannot be written
         */
        Path stage(String path, byte[] content, Set<PosixFilePermission> mode) throws IOException {
            Path file = root.resolve(path);
            OwnedFiles.createMissing(file.getParent(), folders);
            return write(file, content, mode);
        }
    }

    private Path write(Path file, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        try (SeekableByteChannel out = OwnedFiles.POSIX
                ? Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(mode))
                : Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
        if (OwnedFiles.POSIX && !modesKept) {
            Files.setPosixFilePermissions(file, mode);
        }
        return file;
    }

    /** Removes the folder and whatever of it was not moved into place. */
    @Override
    public synchronized void close() throws IOException {
        if (folder != null) {
            removeTree(folder);
            folder = null;
        }
    }

    private synchronized Path folder() throws IOException {
        if (folder == null) {
            Files.createDirectories(parent);
            removeAbandoned(parent);
            ProcessHandle self = ProcessHandle.current();
            String name = PREFIX + self.pid() + "-" + started(self).map(Instant::toEpochMilli).orElse(0L) + "-"
                    + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, Character.MAX_RADIX);
            Path created = OwnedFiles.POSIX ? Files.createDirectory(parent.resolve(name), PRIVATE_FOLDER)
                    : Files.createDirectory(parent.resolve(name));
            modesKept = OwnedFiles.POSIX && umaskKeeps(created);
            folder = created;
        }
        return folder;
    }

    /** Whether files created in {@code folder} with mode 0755 get it whole, tried with one file. */
    private static boolean umaskKeeps(Path folder) throws IOException {
        Path probe = folder.resolve("mode");
        Files.createFile(probe, PosixFilePermissions.asFileAttribute(OwnedFiles.EXECUTABLE));
        boolean kept = Files.getPosixFilePermissions(probe).equals(OwnedFiles.EXECUTABLE);
        Files.delete(probe);
        return kept;
    }

    /** Removes the staging folders in {@code parent} whose build is no longer running. */
    private static void removeAbandoned(Path parent) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path entry : entries) {
                if (!alive(entry.getFileName().toString().substring(PREFIX.length()))) {
                    removeTree(entry);
                }
            }
        }
    }

    /** Whether the process that named a staging folder {@code <pid>-<start millis>-<random>} still runs. */
    private static boolean alive(String owner) {
        String[] parts = owner.split("-");
        if (parts.length != 3) {
            // not a name this class gives: leave it alone
            return true;
        }
        try {
            long pid = Long.parseLong(parts[0]);
            long started = Long.parseLong(parts[1]);
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            // the same number with another start time is a later process: the owner is gone
            return process.isPresent() && started(process.get()).map(time -> time.toEpochMilli() == started).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static Optional<Instant> started(ProcessHandle process) {
        return process.info().startInstant();
    }

    /** Removes a folder and everything in it, never following a link; what is already gone is fine. */
    private static void removeTree(Path root) throws IOException {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (NoSuchFileException e) {
            // removed meanwhile
        }
    }
}
