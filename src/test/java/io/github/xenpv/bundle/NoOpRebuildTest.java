package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.fixtures.SparseFile;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.ValidGuest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild in which nothing that feeds a guest's files changed renders nothing and writes nothing;
 * every input that does feed them makes the guest render again: its declaration, the plugin's code,
 * a template of the user's (an include too, or a new file), the locale, and the files on disk
 * (edited, even keeping size and time; deleted; another mode; a link in their place; a write cut short).
 */
class NoOpRebuildTest {

    /** Two builds of the plugin with the same version: the digest of their code is all that tells them apart. */
    private static final byte[] PLUGIN = "plugin build 1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] REBUILT_PLUGIN = "plugin build 2".getBytes(StandardCharsets.UTF_8);

    private static final String FSTAB = "rhel3_64_fv/guest/etc/fstab";

    @TempDir
    Path work;

    private Path output() {
        return work.resolve("xenpv");
    }

    private Path templates() {
        return work.resolve("templates");
    }

    private BundleWriter.Report generate(byte[] plugin, ValidGuest... guests) throws Exception {
        return new BundleGenerator(output(), templates(), plugin).generate(List.of(guests));
    }

    private BundleWriter.Report generate(ValidGuest... guests) throws Exception {
        return generate(PLUGIN, guests);
    }

    @Test
    void nothingChangedRendersNothingAndWritesNothing() throws Exception {
        BundleWriter.Report first = generate(SeedGuest.valid());
        assertEquals(List.of("rhel3_64_fv"), first.rendered());
        Map<Path, String> before = snapshot();

        BundleWriter.Report second = generate(SeedGuest.valid());
        assertEquals(List.of(), second.rendered());
        assertEquals(List.of(), second.written());
        assertEquals(12, second.unchanged().size());
        assertEquals(first.bundles(), second.bundles(), "the folder's files, modes and digests, for the archives");
        assertEquals(before, snapshot(), "a file or the record changed");
    }

    /**
     * A record damaged on disk, a byte in it no longer UTF-8, names a path that is not there and so
     * vouches for nothing: the guest renders again, its files already right stay as they are, and the
     * record is whole again.
     */
    @Test
    void aRecordWithAByteThatIsNotUtf8RendersItsGuestAgain() throws Exception {
        generate(SeedGuest.valid());
        Path record = output().resolve(".xenpv-written/rhel3_64_fv.bundle");
        String whole = Files.readString(record);
        byte[] bytes = whole.getBytes(StandardCharsets.UTF_8);
        bytes[whole.indexOf("file guest/etc/fstab") + "file guest/".length()] = (byte) 0xff;
        Files.write(record, bytes);

        BundleWriter.Report report = generate(SeedGuest.valid());
        assertEquals(List.of("rhel3_64_fv"), report.rendered());
        assertEquals(List.of(), report.written());
        assertTrue(WriteRecord.read(record).paths().contains("guest/etc/fstab"));
        assertEquals(List.of(), generate(SeedGuest.valid()).rendered());
    }

    @Test
    void aChangedDeclarationRendersThatGuestAlone() throws Exception {
        Guest other = otherGuest();
        generate(SeedGuest.valid(), SeedGuest.validOnly(other));
        Guest bigger = SeedGuest.declaration();
        bigger.setMemory("2048");

        BundleWriter.Report report = generate(SeedGuest.validOnly(bigger), SeedGuest.validOnly(other));
        assertEquals(List.of("rhel3_64_fv"), report.rendered());
        assertTrue(report.written().contains(output().resolve("rhel3_64_fv/dom0/etc/xen/rhel3_64_fv")), report::toString);
        assertTrue(report.written().stream().allMatch(file -> file.startsWith(output().resolve("rhel3_64_fv"))), report::toString);
        assertTrue(Files.readString(output().resolve("rhel3_64_fv/dom0/etc/xen/rhel3_64_fv")).contains("memory = 2048"));
    }

    @Test
    void aChangedTemplateOfTheUsersIsRendered() throws Exception {
        write(templates().resolve("guest/etc/fstab.ftl"), "# first\n");
        generate(SeedGuest.valid());
        write(templates().resolve("guest/etc/fstab.ftl"), "# second\n");

        assertEquals(List.of("rhel3_64_fv"), generate(SeedGuest.valid()).rendered());
        assertEquals("# second\n", Files.readString(output().resolve(FSTAB)));
    }

    @Test
    void aChangedIncludeOfTheUsersIsRendered() throws Exception {
        String paths = bundledTemplate("include/paths.ftl");
        write(templates().resolve("include/paths.ftl"), paths);
        generate(SeedGuest.valid());
        String mknod = Files.readString(output().resolve("rhel3_64_fv/guest/sbin/xenpv-mknod"));
        // a line inside the macro every script prints
        write(templates().resolve("include/paths.ftl"), paths.replace("rooted() {\n", "rooted() {\n    # the user's include, changed\n"));

        assertEquals(List.of("rhel3_64_fv"), generate(SeedGuest.valid()).rendered());
        assertNotEquals(mknod, Files.readString(output().resolve("rhel3_64_fv/guest/sbin/xenpv-mknod")));
    }

    @Test
    void aFileAddedToTheTemplateFolderCountsAsAChange() throws Exception {
        generate(SeedGuest.valid());
        write(templates().resolve("guest/notes.txt"), "not a template yet\n");

        BundleWriter.Report report = generate(SeedGuest.valid());
        assertEquals(List.of("rhel3_64_fv"), report.rendered());
        assertEquals(List.of(), report.written(), "it feeds no file, so every file is still right");
        assertEquals(List.of(), generate(SeedGuest.valid()).rendered());
    }

    @Test
    void aRebuiltPluginOfTheSameVersionIsRendered() throws Exception {
        generate(PLUGIN, SeedGuest.valid());

        BundleWriter.Report rebuilt = generate(REBUILT_PLUGIN, SeedGuest.valid());
        assertEquals(List.of("rhel3_64_fv"), rebuilt.rendered());
        assertEquals(List.of(), rebuilt.written(), "the same templates and defaults give the same bytes");
        assertEquals(List.of(), generate(REBUILT_PLUGIN, SeedGuest.valid()).rendered(), "the record names the new build");
    }

    @Test
    void anotherDefaultLocaleIsRendered() throws Exception {
        generate(SeedGuest.valid());
        Locale locale = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals(List.of("rhel3_64_fv"), generate(SeedGuest.valid()).rendered());
        } finally {
            Locale.setDefault(locale);
        }
    }

    @Test
    void anEditedFileIsRenderedAndRestored() throws Exception {
        generate(SeedGuest.valid());
        byte[] fstab = Files.readAllBytes(output().resolve(FSTAB));
        Files.writeString(output().resolve(FSTAB), "edited by hand\n");

        BundleWriter.Report report = generate(SeedGuest.valid());
        assertEquals(List.of("rhel3_64_fv"), report.rendered());
        assertEquals(List.of(output().resolve(FSTAB)), report.written());
        assertArrayEquals(fstab, Files.readAllBytes(output().resolve(FSTAB)));
    }

    /**
     * A file grown past anything a bundle holds (a disk image copied over it, say) is rendered again
     * and named as changed since written, without being read whole: past 2 GiB that failed with an
     * {@code OutOfMemoryError}.
     */
    @Test
    void aFileGrownPastAnyBundleFileIsRestoredWithoutBeingReadWhole() throws Exception {
        generate(SeedGuest.valid());
        Path fstab = output().resolve(FSTAB);
        byte[] original = Files.readAllBytes(fstab);
        SparseFile.of(fstab, SparseFile.PAST_ANY_ARRAY);

        BundleWriter.Report report = generate(SeedGuest.valid());
        assertEquals(List.of("rhel3_64_fv"), report.rendered());
        assertEquals(List.of(fstab), report.overwritten());
        assertArrayEquals(original, Files.readAllBytes(fstab));
    }

    /**
     * Once a file's recorded state has settled, the record vouches for it without a read; an edit
     * of the same size that puts the modification time back still changes the inode's change time.
     */
    @Test
    void anEditKeepingSizeAndModificationTimeIsSeen() throws Exception {
        generate(SeedGuest.valid());
        Path fstab = output().resolve(FSTAB);
        waitUntilSettled(fstab);
        // a rebuilt plugin renders the same bytes, and records the files' states, now settled
        assertEquals(List.of(), generate(REBUILT_PLUGIN, SeedGuest.valid()).written());
        WriteRecord record = WriteRecord.read(output().resolve(".xenpv-written/rhel3_64_fv.bundle"));
        assertNotNull(record.written().get("guest/etc/fstab").state(), "the state of a settled file is recorded");
        assertEquals(List.of(), generate(REBUILT_PLUGIN, SeedGuest.valid()).rendered());

        byte[] original = Files.readAllBytes(fstab);
        FileTime modified = Files.getLastModifiedTime(fstab);
        byte[] edited = original.clone();
        edited[0] = (byte) (edited[0] == '#' ? '!' : '#');
        Files.write(fstab, edited);
        Files.setLastModifiedTime(fstab, modified);

        BundleWriter.Report report = generate(REBUILT_PLUGIN, SeedGuest.valid());
        assertEquals(List.of("rhel3_64_fv"), report.rendered());
        assertArrayEquals(original, Files.readAllBytes(fstab));
    }

    /**
     * Once its folders' states have settled, the record vouches that the guest folder holds nothing
     * else without listing it; a file added to any of its folders, or in a new folder, still moves a
     * folder's state, and is named as before.
     */
    @Test
    void whatIsAddedToFoldersWhoseStatesAreRecordedIsStillNamed() throws Exception {
        generate(SeedGuest.valid());
        Path guestFolder = output().resolve("rhel3_64_fv");
        waitUntilSettled(guestFolder);
        // a rebuilt plugin renders the same bytes, and records the folders' states, now settled
        assertEquals(List.of(), generate(REBUILT_PLUGIN, SeedGuest.valid()).written());
        WriteRecord record = WriteRecord.read(output().resolve(".xenpv-written/rhel3_64_fv.bundle"));
        assertEquals(Set.of(".", "dom0", "dom0/etc", "dom0/etc/xen", "guest", "guest/boot", "guest/boot/grub", "guest/etc",
                "guest/etc/rc.d", "guest/sbin", "guest/usr", "guest/usr/local", "guest/usr/local/sbin"), record.folders().keySet());
        assertFalse(record.folders().containsValue(null), "the states of settled folders are recorded: " + record.folders());
        // a folder's state is its size and modification time in nanoseconds
        for (Map.Entry<String, String> folder : record.folders().entrySet()) {
            Path path = folder.getKey().equals(".") ? guestFolder : guestFolder.resolve(folder.getKey());
            assertEquals(Files.size(path) + "." + Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS),
                    folder.getValue(), folder.getKey());
        }
        BundleWriter.Report unchanged = generate(REBUILT_PLUGIN, SeedGuest.valid());
        assertEquals(List.of(), unchanged.rendered());
        assertEquals(List.of(), unchanged.kept());

        write(guestFolder.resolve("guest/usr/local/sbin/notes"), "the user's notes");
        write(guestFolder.resolve("guest/usr/share/doc/readme"), "in a folder of the user's");
        BundleWriter.Report report = generate(REBUILT_PLUGIN, SeedGuest.valid());
        assertEquals(List.of(), report.rendered());
        assertEquals(List.of(new BundleWriter.Kept("rhel3_64_fv", guestFolder,
                List.of("guest/usr/local/sbin/notes", "guest/usr/share/doc/readme"))), report.kept());
    }

    /** A rewrite of the record into a folder that holds a file of the user's records no folder states to vouch for it. */
    @Test
    void aFolderHoldingAFileOfTheUsersWhenRecordedIsStillListed() throws Exception {
        generate(SeedGuest.valid());
        Path guestFolder = output().resolve("rhel3_64_fv");
        write(guestFolder.resolve("guest/etc/notes"), "the user's notes");
        waitUntilSettled(guestFolder);
        assertEquals(List.of(), generate(REBUILT_PLUGIN, SeedGuest.valid()).written());
        assertEquals(Map.of(), WriteRecord.read(output().resolve(".xenpv-written/rhel3_64_fv.bundle")).folders());

        BundleWriter.Report report = generate(REBUILT_PLUGIN, SeedGuest.valid());
        assertEquals(List.of(), report.rendered());
        assertEquals(List.of(new BundleWriter.Kept("rhel3_64_fv", guestFolder, List.of("guest/etc/notes"))), report.kept());
    }

    /** A copy of the record that a build killed while saving it left goes with the next build, one that renders nothing too. */
    @Test
    void theCopyOfARecordAKilledBuildWasSavingGoesWithABuildThatRendersNothing() throws Exception {
        generate(SeedGuest.valid());
        Path copy = WriteRecord.temporaryOf(output().resolve(".xenpv-written/rhel3_64_fv.bundle"), "");
        Files.writeString(copy, "# xenpv-maven-plugin: the files it wrote\nowner half");

        assertEquals(List.of(), generate(SeedGuest.valid()).rendered());
        assertFalse(Files.exists(copy, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isRegularFile(output().resolve(".xenpv-written/rhel3_64_fv.bundle")));
    }

    @Test
    void aDeletedFileIsRestored() throws Exception {
        generate(SeedGuest.valid());
        Files.delete(output().resolve(FSTAB));

        assertEquals(List.of(output().resolve(FSTAB)), generate(SeedGuest.valid()).written());
        assertTrue(Files.isRegularFile(output().resolve(FSTAB)));
    }

    @Test
    void anotherModeIsRestored() throws Exception {
        generate(SeedGuest.valid());
        Path rcLocal = output().resolve("rhel3_64_fv/guest/etc/rc.d/rc.local");
        Files.setPosixFilePermissions(rcLocal, PosixFilePermissions.fromString("rw-------"));

        assertEquals(List.of(rcLocal), generate(SeedGuest.valid()).written());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(rcLocal)));
    }

    @Test
    void aLinkInPlaceOfAFileIsNeverTakenAsTheFile() throws Exception {
        generate(SeedGuest.valid());
        Path fstab = output().resolve(FSTAB);
        Path copy = work.resolve("fstab-copy");
        Files.copy(fstab, copy);
        Files.delete(fstab);
        Files.createSymbolicLink(fstab, copy);

        ForeignFileException refused = assertThrows(ForeignFileException.class, () -> generate(SeedGuest.valid()));
        assertTrue(refused.getMessage().contains("guest/etc/fstab: a link the plugin did not make"), refused.getMessage());
    }

    @Test
    void aFolderLinkedElsewhereIsNeverTakenAsTheFolder() throws Exception {
        generate(SeedGuest.valid());
        Path etc = output().resolve("rhel3_64_fv/guest/etc");
        Path moved = work.resolve("etc-moved");
        Files.move(etc, moved);
        Files.createSymbolicLink(etc, moved);

        ForeignFileException refused = assertThrows(ForeignFileException.class, () -> generate(SeedGuest.valid()));
        assertTrue(refused.getMessage().contains("guest/etc: a link the plugin did not make"), refused.getMessage());
    }

    @Test
    void aWriteCutShortIsRendered() throws Exception {
        generate(SeedGuest.valid());
        Path record = output().resolve(".xenpv-written/rhel3_64_fv.bundle");
        Files.writeString(record, Files.readString(record) + "pending k2x9q1\n");

        assertEquals(List.of("rhel3_64_fv"), generate(SeedGuest.valid()).rendered());
        assertEquals(Set.of(), WriteRecord.read(record).pending());
    }

    @Test
    void whatTheUserAddedIsStillNamedWhenNothingIsRendered() throws Exception {
        generate(SeedGuest.valid());
        write(output().resolve("rhel3_64_fv/guest/kmod-xenpv-0.1-5.el.x86_64.rpm"), "the user's rpm");

        BundleWriter.Report report = generate(SeedGuest.valid());
        assertEquals(List.of(), report.rendered());
        assertEquals(List.of(new BundleWriter.Kept("rhel3_64_fv", output().resolve("rhel3_64_fv"),
                List.of("guest/kmod-xenpv-0.1-5.el.x86_64.rpm"))), report.kept());
    }

    @Test
    void aRecordWithoutInputsIsRendered() throws Exception {
        // what an earlier version of the plugin recorded: the files alone
        new BundleWriter(output(), "").write(new BundleGenerator(null, null).render(List.of(SeedGuest.valid())),
                Set.of("rhel3_64_fv"));

        BundleWriter.Report report = generate(SeedGuest.valid());
        assertEquals(List.of("rhel3_64_fv"), report.rendered());
        assertEquals(List.of(), report.written());
        assertEquals(List.of(), generate(SeedGuest.valid()).rendered());
    }

    private static Guest otherGuest() {
        Guest other = SeedGuest.declaration();
        other.setName("db");
        other.getBootDisk().setSource("/images/db.dsk");
        other.getDisks().get(0).setSource("/images/db-data.dsk");
        other.getNetworks().get(0).setMac(null);
        return other;
    }

    /**
     * Waits, without a fixed sleep, until the last change of the file, or of anything in the folder,
     * lies further back than a file time can hide one.
     */
    private static void waitUntilSettled(Path file) throws IOException, InterruptedException {
        Instant changed = Instant.MIN;
        try (Stream<Path> walk = Files.walk(file)) {
            for (Path path : walk.toList()) {
                Instant time = ((FileTime) Files.getAttribute(path, "unix:ctime")).toInstant();
                changed = time.isAfter(changed) ? time : changed;
            }
        }
        while (Instant.now().isBefore(changed.plusMillis(150))) {
            Thread.sleep(10);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String bundledTemplate(String name) throws IOException {
        try (InputStream in = NoOpRebuildTest.class.getResourceAsStream("/io/github/xenpv/templates/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every entry under the output folder with its bytes (for files), modification and change time. */
    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> entries = new HashMap<>();
        try (Stream<Path> walk = Files.walk(output())) {
            for (Path path : walk.toList()) {
                String content = Files.isRegularFile(path) ? Files.readString(path) : "<folder>";
                entries.put(path, content + " " + Files.getLastModifiedTime(path) + " " + Files.getAttribute(path, "unix:ctime"));
            }
        }
        return entries;
    }
}
