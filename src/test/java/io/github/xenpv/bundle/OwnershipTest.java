package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin owns only what it wrote: the record of written files, what a rebuild removes and
 * keeps, the folders of guests no longer declared, links, and folders from before records.
 */
class OwnershipTest {

    @TempDir
    Path output;

    @TempDir
    Path outside;

    private static final RenderedFile README = file("README.txt", "web\n");
    private static final RenderedFile CONFIG = file("dom0/etc/xen/web", "memory = 512\n");
    private static final RenderedFile FSTAB = file("guest/etc/fstab", "LABEL=/ / ext3 defaults 1 1\n");
    private static final RenderedFile RC_MODULES = file("guest/etc/rc.modules", "#!/bin/sh\n");
    private static final RenderedFile MKNOD = file("guest/usr/local/sbin/xenpv-mknod", "#!/bin/sh\n");

    /** A file of the user's at every depth of the folder, one in a folder of its own, and some look-alikes. */
    private static final List<String> FOREIGN = List.of(
            "notes.txt",
            "guest/kmod-xenpv-0.1-5.el.x86_64.rpm",
            "guest/etc/fstab.orig",
            "guest/usr/local/sbin/site-tool",
            "extra/a/b/c.txt",
            ".hidden",
            "guest/etc/.fstab.k2x9q1.xenpv-tmp",
            "guest/etc/rc.modules.xenpv-20260101T000000Z");

    @Test
    void theRecordListsWhatThePluginWroteBesideTheFoldersNotInThem() throws IOException {
        write("web", README, CONFIG, FSTAB);
        assertEquals(List.of("README.txt", "SHA256SUMS", "dom0/etc/xen/web", "guest/etc/fstab"),
                List.copyOf(WriteRecord.read(output.resolve(".xenpv-written/web.bundle")).paths()));
        assertEquals(List.of("README.txt", "SHA256SUMS", "dom0/etc/xen/web", "guest/etc/fstab"), files("web"));
    }

    @Test
    void aUsersFilesStayAtEveryDepthThroughARebuildAndAreNamed() throws IOException {
        write("web", README, CONFIG, FSTAB, RC_MODULES, MKNOD);
        for (String path : FOREIGN) {
            put("web/" + path, "the user's " + path);
        }
        RenderedFile newConfig = file("dom0/etc/xen/web", "memory = 1024\n");
        BundleWriter.Report report = write("web", README, newConfig, FSTAB, MKNOD);
        assertEquals(2, report.written().size(), "the config, SHA256SUMS and nothing else");
        assertEquals(List.of(output.resolve("web/guest/etc/rc.modules")), report.removed(),
                "rc.modules, which the plugin wrote and the bundle no longer has");
        assertEquals(List.of(new BundleWriter.Kept("web", output.resolve("web"), FOREIGN.stream().sorted().toList())),
                report.kept());
        for (String path : FOREIGN) {
            assertEquals("the user's " + path, Files.readString(output.resolve("web/" + path)), path);
        }
        List<String> expected = new ArrayList<>(FOREIGN);
        expected.addAll(List.of("README.txt", "SHA256SUMS", "dom0/etc/xen/web", "guest/etc/fstab", "guest/usr/local/sbin/xenpv-mknod"));
        assertEquals(expected.stream().sorted().toList(), files("web"));
        assertArrayEquals(newConfig.content(), Files.readAllBytes(output.resolve("web/dom0/etc/xen/web")));
    }

    @Test
    void aPathTheBundleNeedsHoldingAUsersFileStopsTheWriteBeforeAnythingChanges() throws IOException {
        write("web", README, CONFIG);
        put("web/guest/etc/fstab", "the user's own fstab\n");
        ForeignFileException refused = assertThrows(ForeignFileException.class, () -> new BundleWriter(output, "test")
                .write(List.of(bundle("db", README), bundle("web", README, file("dom0/etc/xen/web", "memory = 1024\n"), FSTAB)),
                        Set.of("db", "web")));
        assertTrue(refused.getMessage().contains(output.resolve("web") + "/guest/etc/fstab: a file the plugin did not "
                + "write, where the bundle has a file of other content"), refused.getMessage());
        assertEquals("the user's own fstab\n", Files.readString(output.resolve("web/guest/etc/fstab")));
        assertArrayEquals(CONFIG.content(), Files.readAllBytes(output.resolve("web/dom0/etc/xen/web")), "nothing was written");
        assertFalse(Files.exists(output.resolve("db")), "not even another guest's folder");
    }

    @Test
    void aFileWithTheBundlesOwnBytesIsTakenAsThePlugins() throws IOException {
        put("web/guest/etc/fstab", new String(FSTAB.content(), StandardCharsets.UTF_8));
        BundleWriter.Report report = write("web", README, FSTAB);
        assertEquals(List.of(), report.kept());
        assertTrue(WriteRecord.read(output.resolve(".xenpv-written/web.bundle")).paths().contains("guest/etc/fstab"));
    }

    @Test
    void aRemovedGuestsFolderGoesWhenItHoldsOnlyWhatThePluginWrote() throws IOException {
        write(List.of(bundle("web", README), bundle("old", README, CONFIG, MKNOD)), Set.of("web", "old"));
        BundleWriter.Report report = write(List.of(bundle("web", README)), Set.of("web"));
        assertEquals(List.of("old: 4 removed, kept " + List.of()), pruned(report));
        assertFalse(Files.exists(output.resolve("old"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(output.resolve(".xenpv-written/old.bundle")));
        assertEquals(List.of(), write(List.of(bundle("web", README)), Set.of("web")).pruned(), "said once");
    }

    @Test
    void aCleanUpCutShortAfterItsFilesGoneStillRemovesTheFolders() throws IOException {
        write(List.of(bundle("web", README), bundle("old", README, CONFIG, FSTAB)), Set.of("web", "old"));
        // what a build killed in the middle of removing old's folders leaves: files gone, some folders left, the record
        for (String path : List.of("README.txt", "SHA256SUMS", "dom0/etc/xen/web", "guest/etc/fstab")) {
            Files.delete(output.resolve("old").resolve(path));
        }
        Files.delete(output.resolve("old/dom0/etc/xen"));
        Files.delete(output.resolve("old/guest/etc"));
        write(List.of(bundle("web", README)), Set.of("web"));
        assertFalse(Files.exists(output.resolve("old"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(output.resolve(".xenpv-written/old.bundle")));
    }

    @Test
    void aRemovedGuestsFolderWithAUsersFileKeepsItNamedOnce() throws IOException {
        write(List.of(bundle("web", README), bundle("old", README, CONFIG, FSTAB)), Set.of("web", "old"));
        put("old/guest/kmod-xenpv-0.1-5.el.x86_64.rpm", "rpm");
        BundleWriter.Report report = write(List.of(bundle("web", README)), Set.of("web"));
        assertEquals(List.of("old: 4 removed, kept " + List.of("guest/kmod-xenpv-0.1-5.el.x86_64.rpm")), pruned(report));
        assertEquals(List.of("guest/kmod-xenpv-0.1-5.el.x86_64.rpm"), files("old"));
        assertEquals(List.of("old/guest", "old/guest/kmod-xenpv-0.1-5.el.x86_64.rpm"), entries("old"),
                "the emptied dom0/etc/xen and guest/etc went");
        assertEquals(List.of(), write(List.of(bundle("web", README)), Set.of("web")).pruned(), "said once");
    }

    @Test
    void theGuestFilterPrunesNothingThatIsStillDeclared() throws IOException {
        write(List.of(bundle("web", README), bundle("db", README)), Set.of("web", "db"));
        BundleWriter.Report report = write(List.of(bundle("web", README)), Set.of("web", "db"));
        assertEquals(List.of(), report.pruned());
        assertEquals(List.of("README.txt", "SHA256SUMS"), files("db"));
    }

    /** A build killed while saving a guest's first record wrote nothing for it: the copy it left goes, once the guest is not declared. */
    @Test
    void theFirstRecordAKilledBuildWasSavingGoes() throws IOException {
        Path unsaved = WriteRecord.temporaryOf(WriteRecord.fileOf(output, "tmp", BundleWriter.RECORD_SUFFIX), "test:guests");
        Files.createDirectories(unsaved.getParent());
        Files.writeString(unsaved, "# xenpv-maven-plugin: the files it wrote\nowner test:guests\npending abc\nfile README.txt\n");
        write(List.of(bundle("web", README)), Set.of("web"));
        assertEquals(List.of("web.bundle"), files(".xenpv-written"));
    }

    /**
     * In a folder several projects share, another owner's copy of a record may be that owner's
     * build saving it right now (modules built side by side, {@code mvn -T}): it stays, whoever's
     * guest it is. The copies this owner's killed builds left go, a first record's half-written one
     * too.
     */
    @Test
    void onlyThisOwnersLeftoverCopiesOfRecordsGoInASharedFolder() throws IOException {
        new BundleWriter(output, "com.example:a").write(List.of(bundle("db", README)), Set.of("db"));
        Path theirs = WriteRecord.temporaryOf(WriteRecord.fileOf(output, "mail", BundleWriter.RECORD_SUFFIX), "com.example:a");
        Path ours = WriteRecord.temporaryOf(WriteRecord.fileOf(output, "old", BundleWriter.RECORD_SUFFIX), "com.example:b");
        // both cut short before they name their owner
        String cutShort = "# xenpv-maven-plugin: the files it wrote, the only ones a build removes. Do not edit.\nowner com.exa";
        Files.writeString(theirs, cutShort);
        Files.writeString(ours, cutShort);

        new BundleWriter(output, "com.example:b").write(List.of(bundle("web", README)), Set.of("web"));
        assertEquals(Set.of("db.bundle", "web.bundle", theirs.getFileName().toString()), Set.copyOf(files(".xenpv-written")),
                "another owner's copy stays, this owner's leftover goes");
    }

    /**
     * Two projects writing into one shared folder at the same time, as {@code mvn -T} builds two
     * modules: each writes all of its guests, round after round, and neither's clean-up takes a
     * copy of a record the other is saving. Before copies were named for their owner, a save failed
     * with {@code NoSuchFileException} in three of five runs of this test.
     */
    @Test
    void twoOwnersWritingIntoASharedFolderAtOnceBothSucceed() throws Exception {
        int guestsEach = 300;
        ExecutorService builds = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<BundleWriter.Report>> both = new ArrayList<>();
                for (String owner : List.of("a", "b")) {
                    List<GuestBundle> bundles = new ArrayList<>();
                    for (int guest = 0; guest < guestsEach; guest++) {
                        bundles.add(bundle(owner + guest, file("README.txt", "round " + round + "\n")));
                    }
                    Set<String> declared = bundles.stream().map(GuestBundle::guestName).collect(Collectors.toSet());
                    both.add(builds.submit(() -> {
                        start.await();
                        return new BundleWriter(output, "com.example:" + owner).write(bundles, declared);
                    }));
                }
                for (Future<BundleWriter.Report> build : both) {
                    // every guest's README.txt and SHA256SUMS
                    assertEquals(2 * guestsEach, build.get().written().size());
                }
            }
        } finally {
            builds.shutdownNow();
        }
        assertEquals(2 * guestsEach, WriteRecord.list(output, BundleWriter.RECORD_SUFFIX, "o", name -> true).guests().size());
        assertEquals(List.of(), files(".xenpv-written").stream().filter(name -> name.endsWith(".xenpv-tmp")).toList());
    }

    @Test
    void anotherOwnersGuestsInASharedFolderAreNeverPruned() throws IOException {
        new BundleWriter(output, "com.example:a").write(List.of(bundle("old", README)), Set.of("old"));
        BundleWriter.Report report = new BundleWriter(output, "com.example:b").write(List.of(bundle("web", README)), Set.of("web"));
        assertEquals(List.of(), report.pruned());
        assertEquals(List.of("README.txt", "SHA256SUMS"), files("old"));
    }

    @Test
    void aLinkInTheFolderIsNeverWrittenThrough() throws IOException {
        write("web", README, FSTAB);
        put(outside.relativize(outside.resolve("etc/fstab")).toString(), "the machine's fstab\n", outside);
        deleteTree(output.resolve("web/guest/etc"));
        Files.createSymbolicLink(output.resolve("web/guest/etc"), outside.resolve("etc"));
        ForeignFileException refused = assertThrows(ForeignFileException.class,
                () -> write("web", README, file("guest/etc/fstab", "changed\n")));
        assertTrue(refused.getMessage().contains("/web/guest/etc: a link the plugin did not make, where the bundle has a folder"),
                refused.getMessage());
        assertEquals("the machine's fstab\n", Files.readString(outside.resolve("etc/fstab")));
    }

    @Test
    void aLinkInARemovedGuestsFolderIsNeverFollowed() throws IOException {
        write(List.of(bundle("web", README), bundle("old", README, FSTAB)), Set.of("web", "old"));
        put("etc/fstab", "the machine's fstab\n", outside);
        deleteTree(output.resolve("old/guest/etc"));
        Files.createSymbolicLink(output.resolve("old/guest/etc"), outside.resolve("etc"));
        BundleWriter.Report report = write(List.of(bundle("web", README)), Set.of("web"));
        assertEquals(List.of("old: 2 removed, kept " + List.of("guest/etc")), pruned(report));
        assertEquals("the machine's fstab\n", Files.readString(outside.resolve("etc/fstab")));
        assertTrue(Files.isSymbolicLink(output.resolve("old/guest/etc")));
    }

    @Test
    void aRecordNeverLeadsOutOfItsFolder() throws IOException {
        write(List.of(bundle("web", README), bundle("old", README)), Set.of("web", "old"));
        put("victim", "keep me", outside);
        Path record = output.resolve(".xenpv-written/old.bundle");
        Files.writeString(record, Files.readString(record) + "file ../" + output.relativize(outside.resolve("victim"))
                + "\nfile " + outside.resolve("victim") + "\nfile guest/../../web/README.txt\n");
        write(List.of(bundle("web", README)), Set.of("web"));
        assertEquals("keep me", Files.readString(outside.resolve("victim")));
        assertEquals(List.of("README.txt", "SHA256SUMS"), files("web"));
    }

    @Test
    void aFolderFromBeforeRecordsIsTakenOverThroughItsChecksumsAndOnlyUnchangedFiles() throws IOException {
        write("web", README, CONFIG, FSTAB, RC_MODULES);
        deleteTree(output.resolve(".xenpv-written"));
        put("web/guest/kmod-xenpv-0.1-5.el.x86_64.rpm", "rpm");
        BundleWriter.Report report = write("web", README, file("dom0/etc/xen/web", "memory = 1024\n"), FSTAB);
        assertEquals(List.of(output.resolve("web/guest/etc/rc.modules")), report.removed(), "rc.modules, listed in SHA256SUMS with its bytes");
        assertEquals(List.of("README.txt", "SHA256SUMS", "dom0/etc/xen/web", "guest/etc/fstab",
                "guest/kmod-xenpv-0.1-5.el.x86_64.rpm"), files("web"));

        deleteTree(output.resolve(".xenpv-written"));
        put("web/guest/etc/fstab", "edited by hand\n");
        ForeignFileException refused = assertThrows(ForeignFileException.class, () -> write("web", README, CONFIG, FSTAB));
        assertTrue(refused.getMessage().contains("/web/guest/etc/fstab: a file the plugin did not write"), refused.getMessage());
        assertEquals("edited by hand\n", Files.readString(output.resolve("web/guest/etc/fstab")));
    }

    /** Each guest cleaned up after: its name, how many of the plugin's files went, what stayed. */
    private List<String> pruned(BundleWriter.Report report) {
        for (BundleWriter.Pruned pruned : report.pruned()) {
            assertEquals(output.resolve(pruned.guestName()), pruned.folder());
            pruned.removed().forEach(path -> assertTrue(path.startsWith(pruned.folder()), path.toString()));
        }
        return report.pruned().stream()
                .map(pruned -> pruned.guestName() + ": " + pruned.removed().size() + " removed, kept " + pruned.kept()).toList();
    }

    private BundleWriter.Report write(String guest, RenderedFile... files) throws IOException {
        return write(List.of(bundle(guest, files)), Set.of(guest));
    }

    private BundleWriter.Report write(List<GuestBundle> bundles, Set<String> declared) throws IOException {
        return new BundleWriter(output, "test:guests").write(bundles, declared);
    }

    static GuestBundle bundle(String guest, RenderedFile... files) {
        return GuestBundle.of(guest, List.of(files));
    }

    static RenderedFile file(String path, String text) {
        return new RenderedFile(path, text.getBytes(StandardCharsets.UTF_8), text.startsWith("#!"));
    }

    private void put(String path, String text) throws IOException {
        put(path, text, output);
    }

    private static void put(String path, String text, Path root) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Every regular file, link or other non-folder in a guest folder, relative and sorted. */
    private List<String> files(String guest) throws IOException {
        return files(output.resolve(guest));
    }

    static List<String> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                    .map(path -> folder.relativize(path).toString()).sorted().toList();
        }
    }

    /** Everything under a guest folder, folders included, relative to the output directory. */
    private List<String> entries(String guest) throws IOException {
        try (Stream<Path> walk = Files.walk(output.resolve(guest))) {
            return walk.filter(path -> !path.equals(output.resolve(guest)))
                    .map(path -> output.relativize(path).toString()).sorted().toList();
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
