package io.github.xenpv.bundle;

import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes bundles to disk. A file whose bytes and mode are already right is left alone (its time
 * stays, so a no-op rebuild writes nothing); any other is written to a temporary file beside it
 * and moved into place, so a reader never sees half a file. Files a guest's folder no longer
 * has (say rc.modules after a switch to rc.local) are removed.
 */
public final class BundleWriter {

    static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** What a write did, for the build log. */
    public record Report(int written, int unchanged, int removed) {
        Report plus(Report other) {
            return new Report(written + other.written, unchanged + other.unchanged, removed + other.removed);
        }
    }

    private BundleWriter() {
    }

    static Report write(Path outputDirectory, List<GuestBundle> bundles) throws IOException {
        Report report = new Report(0, 0, 0);
        for (GuestBundle bundle : bundles) {
            report = report.plus(write(outputDirectory.resolve(bundle.guestName()), bundle));
        }
        return report;
    }

    private static Report write(Path folder, GuestBundle bundle) throws IOException {
        int written = 0;
        int unchanged = 0;
        Set<Path> expected = new HashSet<>();
        for (RenderedFile file : bundle.files()) {
            Path target = folder.resolve(file.path());
            expected.add(target);
            if (writeIfChanged(target, file)) {
                written++;
            } else {
                unchanged++;
            }
        }
        return new Report(written, unchanged, removeOthers(folder, expected));
    }

    private static boolean writeIfChanged(Path target, RenderedFile file) throws IOException {
        return writeIfChanged(target, file.content(), file.executable() ? EXECUTABLE : REGULAR);
    }

    /** Writes {@code content} atomically unless the file already holds it with this mode; says whether it wrote. */
    static boolean writeIfChanged(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
            if (!POSIX || Files.getPosixFilePermissions(target).equals(mode)) {
                return false;
            }
            Files.setPosixFilePermissions(target, mode);
            return true;
        }
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".xenpv-tmp");
        try {
            Files.write(temporary, content);
            if (POSIX) {
                Files.setPosixFilePermissions(temporary, mode);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return true;
    }

    private static int removeOthers(Path folder, Set<Path> expected) throws IOException {
        List<Path> stale;
        try (Stream<Path> walk = Files.walk(folder)) {
            stale = walk.filter(Files::isRegularFile).filter(path -> !expected.contains(path)).toList();
        }
        for (Path path : stale) {
            Files.delete(path);
        }
        return stale.size();
    }
}
