package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SparseFile;
import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer does to files on disk, in a new guest folder and in one it wrote before. */
class BundleWriterTest {

    @TempDir
    Path output;

    private static final RenderedFile CONFIG = file("dom0/etc/xen/web", "name = \"web\"\n", false);
    private static final RenderedFile MKNOD = file("guest/usr/local/sbin/xenpv-mknod", "#!/bin/sh\n", true);
    private static final RenderedFile FSTAB = file("guest/etc/fstab", "LABEL=/ / ext3 defaults 1 1\n", false);

    @Test
    void aNewGuestFolderGetsEveryFileWithItsModeAndNothingElse() throws IOException {
        BundleWriter.Report report = new BundleWriter(output, "test:guests")
                .write(List.of(new GuestBundle("web", List.of(CONFIG, MKNOD, FSTAB))), Set.of("web"));
        assertEquals(new BundleWriter.Report(paths("dom0/etc/xen/web", "guest/usr/local/sbin/xenpv-mknod", "guest/etc/fstab"),
                List.of(), List.of()), withoutBundles(report));
        assertEquals(List.of(new BundleFolder("web", output.resolve("web"), List.of(
                new BundleEntry(CONFIG.path(), false, Checksums.sha256(CONFIG.content())),
                new BundleEntry(FSTAB.path(), false, Checksums.sha256(FSTAB.content())),
                new BundleEntry(MKNOD.path(), true, Checksums.sha256(MKNOD.content()))))), report.bundles(),
                "the report names each file with its mode and digest, in path order, for the archives");
        assertEquals(List.of("web"), report.rendered());
        assertEquals(List.of("dom0/etc/xen/web", "guest/etc/fstab", "guest/usr/local/sbin/xenpv-mknod"), files());
        assertEquals("rw-r--r--", mode("dom0/etc/xen/web"));
        assertEquals("rwxr-xr-x", mode("guest/usr/local/sbin/xenpv-mknod"));
        assertArrayEquals(FSTAB.content(), Files.readAllBytes(output.resolve("web/guest/etc/fstab")));
    }

    /**
     * A bundle read back for its archives holds what was written; a file changed since is refused,
     * and one grown past anything a bundle holds is not read whole (past 2 GiB that failed with an
     * {@code OutOfMemoryError}).
     */
    @Test
    void aBundleReadBackRefusesAFileChangedSinceItWasWritten() throws IOException {
        BundleFolder web = new BundleWriter(output, "test:guests")
                .write(List.of(new GuestBundle("web", List.of(CONFIG, FSTAB))), Set.of("web")).bundles().get(0);
        assertArrayEquals(FSTAB.content(), web.read().files().get(1).content());
        Path fstab = output.resolve("web/guest/etc/fstab");
        Files.writeString(fstab, "edited\n");
        assertEquals(fstab + " changed while the build ran: it no longer holds what the plugin wrote",
                assertThrows(IOException.class, web::read).getMessage());
        SparseFile.of(fstab, SparseFile.PAST_ANY_ARRAY);
        assertEquals(fstab + " changed while the build ran: it no longer holds what the plugin wrote",
                assertThrows(IOException.class, web::read).getMessage(), "a file grown past 2 GiB");
    }

    /** The largest file a bundle holds, a driver RPM at its size limit, reads back whole. */
    @Test
    void aBundleFileOfTheLargestSizeReadsBack() throws IOException {
        Path rpm = SparseFile.of(Files.createDirectories(output.resolve("web/guest")).resolve("kmod-xenpv.rpm"), DriverRpm.MAX_SIZE);
        byte[] zeros = new byte[(int) DriverRpm.MAX_SIZE];
        BundleFolder web = new BundleFolder("web", output.resolve("web"),
                List.of(new BundleEntry("guest/kmod-xenpv.rpm", false, Checksums.sha256(zeros))));
        assertArrayEquals(zeros, web.read().files().get(0).content());
        assertEquals(DriverRpm.MAX_SIZE, Files.size(rpm));
    }

    @Test
    void unchangedFilesKeepTheirTimeAndOnlyTheChangedOneIsReplaced() throws IOException {
        write(CONFIG, MKNOD, FSTAB);
        // Every file dated in 2001, so a file the second write touches shows a new time however fast it runs.
        FileTime old = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
        for (String path : times().keySet()) {
            Files.setLastModifiedTime(output.resolve("web").resolve(path), old);
        }
        RenderedFile newFstab = file("guest/etc/fstab", "LABEL=/ / ext3 defaults 1 1\n/dev/xvda1 /srv ext3 defaults 1 2\n", false);
        assertEquals(new BundleWriter.Report(paths("guest/etc/fstab"),
                paths("dom0/etc/xen/web", "guest/usr/local/sbin/xenpv-mknod"), List.of()), write(CONFIG, MKNOD, newFstab));
        Map<String, FileTime> after = times();
        assertEquals(old, after.get("dom0/etc/xen/web"));
        assertEquals(old, after.get("guest/usr/local/sbin/xenpv-mknod"));
        assertTrue(after.get("guest/etc/fstab").compareTo(old) > 0, "the changed file is written anew");
        assertArrayEquals(newFstab.content(), Files.readAllBytes(output.resolve("web/guest/etc/fstab")));
        assertEquals(List.of("dom0/etc/xen/web", "guest/etc/fstab", "guest/usr/local/sbin/xenpv-mknod"), files());
    }

    @Test
    void aWrongModeAloneIsFixedWithoutRewritingTheFile() throws IOException {
        write(CONFIG, MKNOD, FSTAB);
        Path mknod = output.resolve("web/guest/usr/local/sbin/xenpv-mknod");
        Files.setPosixFilePermissions(mknod, PosixFilePermissions.fromString("rw-------"));
        Object inode = Files.readAttributes(mknod, "unix:ino").get("ino");
        assertEquals(new BundleWriter.Report(paths("guest/usr/local/sbin/xenpv-mknod"),
                paths("dom0/etc/xen/web", "guest/etc/fstab"), List.of()), write(CONFIG, MKNOD, FSTAB));
        assertEquals("rwxr-xr-x", mode("guest/usr/local/sbin/xenpv-mknod"));
        assertEquals(inode, Files.readAttributes(mknod, "unix:ino").get("ino"));
    }

    @Test
    void filesTheBundleNoLongerHasAreRemovedAndMissingFoldersRecreated() throws IOException {
        write(CONFIG, MKNOD, FSTAB);
        Files.delete(output.resolve("web/dom0/etc/xen/web"));
        Files.delete(output.resolve("web/dom0/etc/xen"));
        assertEquals(new BundleWriter.Report(paths("dom0/etc/xen/web"), paths("guest/etc/fstab"),
                paths("guest/usr/local/sbin/xenpv-mknod")), write(CONFIG, FSTAB));
        assertEquals(List.of("dom0/etc/xen/web", "guest/etc/fstab"), files());
    }

    @Test
    void aFileWrittenWholeSaysWhetherItChanged() throws IOException {
        Path pom = output.resolve("pom.xml");
        byte[] content = "<project/>\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(BundleWriter.writeWhole(pom, content), "a new file");
        assertFalse(BundleWriter.writeWhole(pom, content), "already these bytes");
        assertTrue(BundleWriter.writeWhole(pom, "<project></project>\n".getBytes(StandardCharsets.UTF_8)), "other bytes");
        assertEquals("<project></project>\n", Files.readString(pom));
    }

    @Test
    void oneForeignPathIsRefusedInTheSingular() throws IOException {
        Files.createDirectories(output.resolve("web/guest/etc"));
        Files.writeString(output.resolve("web/guest/etc/fstab"), "the user's own fstab\n");
        String message = assertThrows(ForeignFileException.class, () -> write(CONFIG, FSTAB)).getMessage();
        assertTrue(message.startsWith("nothing was written: the plugin replaces only files it wrote, and a path the bundle "
                + "needs holds something else:\n  " + output.resolve("web/guest/etc/fstab") + ": "), message);
        assertTrue(message.endsWith("\nMove it out of the way and build again."), message);
    }

    @Test
    void severalForeignPathsAreRefusedInThePlural() throws IOException {
        Files.createDirectories(output.resolve("web/guest/etc"));
        Files.writeString(output.resolve("web/guest/etc/fstab"), "the user's own fstab\n");
        Files.createDirectories(output.resolve("web/guest/usr/local/sbin/xenpv-mknod"));
        String message = assertThrows(ForeignFileException.class, () -> write(CONFIG, MKNOD, FSTAB)).getMessage();
        assertTrue(message.startsWith("nothing was written: the plugin replaces only files it wrote, and 2 paths the bundle "
                + "needs hold something else:\n  "), message);
        assertTrue(message.endsWith("\nMove them out of the way and build again."), message);
    }

    @Test
    void aGuestNoLongerDeclaredWhoseFolderIsGoneIsNotReportedAsCleanedUp() throws IOException {
        write(CONFIG, FSTAB);
        OwnershipTest.deleteTree(output.resolve("web"));
        BundleWriter.Report report = new BundleWriter(output, "test:guests").write(List.of(), Set.of());
        assertEquals(List.of(), report.pruned(), "nothing was removed and nothing stays");
        assertFalse(Files.exists(output.resolve(".xenpv-written/web.bundle")), "its record went");
    }

    @Test
    void aGuestNoLongerDeclaredWithOnlyAUsersFileLeftIsReportedWithIt() throws IOException {
        write(CONFIG, FSTAB);
        Files.writeString(output.resolve("web/notes.txt"), "the user's notes\n");
        for (String path : List.of("dom0/etc/xen/web", "guest/etc/fstab", "SHA256SUMS")) {
            Files.deleteIfExists(output.resolve("web").resolve(path));
        }
        BundleWriter.Report report = new BundleWriter(output, "test:guests").write(List.of(), Set.of());
        assertEquals(List.of(new BundleWriter.Pruned("web", output.resolve("web"), List.of(), List.of("notes.txt"))),
                report.pruned(), "the user's file is named though the plugin's were already gone");
    }

    /** The report names each file by its path under the output directory, so -X can log it. */
    private List<Path> paths(String... inGuestFolder) {
        return Arrays.stream(inGuestFolder).map(path -> output.resolve("web").resolve(path)).toList();
    }

    /** Writes guest web; the report without its bundles and the guests rendered, which the first test checks. */
    private BundleWriter.Report write(RenderedFile... files) throws IOException {
        return withoutBundles(new BundleWriter(output, "test:guests").write(List.of(new GuestBundle("web", List.of(files))),
                Set.of("web")));
    }

    private static BundleWriter.Report withoutBundles(BundleWriter.Report report) {
        return new BundleWriter.Report(report.written(), report.unchanged(), report.removed(), report.kept(), report.pruned(),
                List.of(), List.of());
    }

    private static RenderedFile file(String path, String text, boolean executable) {
        return new RenderedFile(path, text.getBytes(StandardCharsets.UTF_8), executable);
    }

    /** Every file in the guest folder, temporary ones included, so a leftover would show. */
    private List<String> files() throws IOException {
        Path folder = output.resolve("web");
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(path -> folder.relativize(path).toString()).sorted().toList();
        }
    }

    private Map<String, FileTime> times() throws IOException {
        Path folder = output.resolve("web");
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .collect(Collectors.toMap(path -> folder.relativize(path).toString(), BundleWriterTest::modified));
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String mode(String path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(output.resolve("web").resolve(path)));
    }
}
