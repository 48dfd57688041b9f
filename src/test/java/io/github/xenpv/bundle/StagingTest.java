package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.render.RenderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files wait in a staging folder of their own beside the output, never in it; the folder goes when
 * the build ends, whether it wrote or failed, and a folder a killed build left goes with the next
 * build that stages there, once its process has ended, never while it runs.
 */
class StagingTest {

    @TempDir
    Path work;

    @Test
    void aStagedFileHasItsModeAndTheFolderGoesWhenClosed() throws IOException {
        Path file;
        try (Staging staging = new Staging(work)) {
            file = staging.stage(new byte[] {1, 2}, OwnedFiles.EXECUTABLE);
            assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(file));
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(work, file.getParent().getParent());
            assertTrue(file.getParent().getFileName().toString().startsWith(Staging.PREFIX));
        }
        assertFalse(Files.exists(file.getParent()));
        assertEquals(List.of(), entries(work));
    }

    @Test
    void theFoldersOfEndedBuildsGoAndThoseOfRunningOnesStay() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertTrue(ended.waitFor(30, TimeUnit.SECONDS));
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().orElseThrow().toEpochMilli();
        Path killed = leftBehind(ended.pid() + "-" + started + "-a1");
        Path sameNumberLaterProcess = leftBehind(self.pid() + "-" + (started - 1000) + "-b2");
        Path running = leftBehind(self.pid() + "-" + started + "-c3");
        Path notOurs = leftBehind("someone-elses");
        Path notOursThreeParts = leftBehind("some-one-else");

        try (Staging staging = new Staging(work)) {
            staging.stage(new byte[] {1}, OwnedFiles.REGULAR);
            assertFalse(Files.exists(killed));
            assertFalse(Files.exists(sameNumberLaterProcess));
            assertTrue(Files.exists(running.resolve("1")), "a running build's folder was removed");
            assertTrue(Files.exists(notOurs.resolve("1")), "a name this plugin does not give was removed");
            assertTrue(Files.exists(notOursThreeParts.resolve("1")), "a name of three parts but no numbers was removed");
        }
    }

    @Test
    void theStagingFolderIsPrivateAndHoldsOnlyWhatWasStaged() throws IOException {
        try (Staging staging = new Staging(work)) {
            Path file = staging.stage(new byte[] {1}, OwnedFiles.SECRET);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
            assertEquals(List.of(file), entries(file.getParent()), "the folder holds more than the staged file");
        }
    }

    /**
     * Every folder is named {@code <pid>-<start millis>-<random>}, the random part without a sign:
     * a name of other parts is one a later build leaves alone forever, even after the build ended.
     */
    @Test
    void everyStagingFolderIsNamedSoThatALaterBuildCanTellWhetherItsBuildEnded() throws IOException {
        ProcessHandle self = ProcessHandle.current();
        String owner = Staging.PREFIX + self.pid() + "-" + self.info().startInstant().orElseThrow().toEpochMilli() + "-";
        for (int i = 0; i < 40; i++) {
            try (Staging staging = new Staging(work.resolve("build" + i))) {
                String name = staging.stage(new byte[] {1}, OwnedFiles.REGULAR).getParent().getFileName().toString();
                assertTrue(name.startsWith(owner) && name.substring(owner.length()).matches("[0-9a-z]+"), name);
            }
        }
    }

    /** A build beside this one, or the user, may have removed the folder already: closing is still fine. */
    @Test
    void closingAfterTheFolderIsGoneIsFine() throws IOException {
        Staging staging = new Staging(work);
        Path folder = staging.stage(new byte[] {1}, OwnedFiles.REGULAR).getParent();
        Files.delete(folder.resolve("1"));
        Files.delete(folder);

        staging.close();
        assertEquals(List.of(), entries(work));
    }

    @Test
    void aFailedGenerateLeavesNoStagingFolderAndNoOutputFolder() throws Exception {
        Path templates = work.resolve("templates/guest/etc");
        Files.createDirectories(templates);
        Files.writeString(templates.resolve("fstab.ftl"), "<#if guest.name == \"zz_last\">${guest.noSuchValue}</#if>\n");
        Guest last = SeedGuest.declaration();
        last.setName("zz_last");
        last.getBootDisk().setSource("/images/zz.dsk");
        last.getDisks().get(0).setSource("/images/zz-data.dsk");
        last.getNetworks().get(0).setMac(null);

        assertThrows(RenderException.class, () -> new BundleGenerator(work.resolve("build/xenpv"), work.resolve("templates"))
                .generate(List.of(SeedGuest.valid(), SeedGuest.validOnly(last))));
        assertEquals(List.of(), entries(work.resolve("build")), "the first guest's staged files were left behind");
    }

    private Path leftBehind(String owner) throws IOException {
        Path folder = work.resolve(Staging.PREFIX + owner);
        Files.createDirectories(folder);
        Files.write(folder.resolve("1"), new byte[] {1});
        return folder;
    }

    private static List<Path> entries(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.toList();
        }
    }
}
