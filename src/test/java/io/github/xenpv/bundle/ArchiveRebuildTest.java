package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest's archives made from the same bundle files, formats, entry time and plugin, and still as
 * written, are not made again (the bundle is not even read); anything else that feeds them makes
 * them again: another entry time ({@code project.build.outputTimestamp}), another format or final
 * name, another file in the bundle, an archive edited or deleted.
 */
class ArchiveRebuildTest {

    private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<ArchiveFormat> BOTH = List.of(ArchiveFormat.TAR_GZ, ArchiveFormat.ZIP);

    @TempDir
    Path target;

    /** A bundle that counts how often its bytes are read. */
    private static final class Counted implements BundleContents {

        final GuestBundle bundle;
        final AtomicInteger reads = new AtomicInteger();

        Counted(String readme) {
            this(readme, false);
        }

        Counted(String readme, boolean executable) {
            bundle = GuestBundle.of("web", List.of(new RenderedFile("README.txt", readme.getBytes(StandardCharsets.UTF_8),
                    executable)));
        }

        @Override
        public String guestName() {
            return bundle.guestName();
        }

        @Override
        public List<BundleEntry> entries() {
            return bundle.entries();
        }

        @Override
        public GuestBundle read() {
            reads.incrementAndGet();
            return bundle;
        }
    }

    private BundleArchiver.Written write(Instant time, Counted bundle, List<ArchiveFormat> formats, String baseName)
            throws IOException {
        return new BundleArchiver(time).write(List.of(bundle), formats, target, baseName, Set.of("web"), "test:guests");
    }

    @Test
    void archivesAlreadyRightAreNotMadeAgain() throws IOException {
        Counted bundle = new Counted("steps");
        assertTrue(write(TIME, bundle, BOTH, "guests-1.0").archives().stream().allMatch(BundleArchiver.Archive::written));
        byte[] tarGz = Files.readAllBytes(target.resolve("guests-1.0-xenpv-web.tar.gz"));

        BundleArchiver.Written again = write(TIME, bundle, BOTH, "guests-1.0");
        assertEquals(1, bundle.reads.get(), "the bundle was read again");
        assertTrue(again.archives().stream().noneMatch(BundleArchiver.Archive::written));
        assertEquals(List.of(target.resolve("guests-1.0-xenpv-web.tar.gz"), target.resolve("guests-1.0-xenpv-web.zip")),
                again.archives().stream().map(BundleArchiver.Archive::file).toList());
        assertArrayEquals(tarGz, Files.readAllBytes(target.resolve("guests-1.0-xenpv-web.tar.gz")));
    }

    @Test
    void anotherEntryTimeMakesThemAgain() throws IOException {
        Counted bundle = new Counted("steps");
        write(TIME, bundle, BOTH, "guests-1.0");
        BundleArchiver.Written later = write(TIME.plusSeconds(60), bundle, BOTH, "guests-1.0");
        assertEquals(2, bundle.reads.get());
        assertTrue(later.archives().stream().allMatch(BundleArchiver.Archive::written));
    }

    @Test
    void anotherFormatOrFinalNameMakesThemAgain() throws IOException {
        Counted bundle = new Counted("steps");
        write(TIME, bundle, List.of(ArchiveFormat.TAR_GZ), "guests-1.0");
        write(TIME, bundle, BOTH, "guests-1.0");
        assertEquals(2, bundle.reads.get());
        BundleArchiver.Written renamed = write(TIME, bundle, BOTH, "guests-1.1");
        assertEquals(3, bundle.reads.get());
        assertTrue(renamed.archives().stream().allMatch(BundleArchiver.Archive::written));
        assertFalse(Files.exists(target.resolve("guests-1.0-xenpv-web.tar.gz")), "the old name's archive was the plugin's");
    }

    @Test
    void anotherBundleMakesThemAgain() throws IOException {
        write(TIME, new Counted("steps"), BOTH, "guests-1.0");
        Counted changed = new Counted("other steps");
        assertTrue(write(TIME, changed, BOTH, "guests-1.0").archives().stream().allMatch(BundleArchiver.Archive::written));
        assertEquals(1, changed.reads.get());
    }

    @Test
    void anotherModeOfTheSameBytesMakesThemAgain() throws IOException {
        write(TIME, new Counted("steps"), BOTH, "guests-1.0");
        Counted executable = new Counted("steps", true);
        assertTrue(write(TIME, executable, BOTH, "guests-1.0").archives().stream().allMatch(BundleArchiver.Archive::written));
        assertArrayEquals(new BundleArchiver(TIME).archive(executable.bundle, ArchiveFormat.TAR_GZ),
                Files.readAllBytes(target.resolve("guests-1.0-xenpv-web.tar.gz")), "the archive holds README.txt as 0755");
    }

    @Test
    void anArchiveEditedOrDeletedIsMadeAgain() throws IOException {
        Counted bundle = new Counted("steps");
        write(TIME, bundle, BOTH, "guests-1.0");
        byte[] zip = Files.readAllBytes(target.resolve("guests-1.0-xenpv-web.zip"));
        Files.write(target.resolve("guests-1.0-xenpv-web.zip"), new byte[] {'P', 'K'});
        assertEquals(List.of(false, true), write(TIME, bundle, BOTH, "guests-1.0").archives().stream()
                .map(BundleArchiver.Archive::written).toList());
        assertArrayEquals(zip, Files.readAllBytes(target.resolve("guests-1.0-xenpv-web.zip")));

        Files.delete(target.resolve("guests-1.0-xenpv-web.tar.gz"));
        assertEquals(List.of(true, false), write(TIME, bundle, BOTH, "guests-1.0").archives().stream()
                .map(BundleArchiver.Archive::written).toList());
        assertEquals(3, bundle.reads.get());
    }
}
