package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.render.RenderedFile;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build killed (SIGKILL) at any point between writing files and recording them loses none of
 * the user's files and leaves none of its own behind: the next build ends with exactly its
 * bundle, the user's files, and a record of exactly its files. A child JVM rewrites three guests
 * in a loop, alternating between two declarations (one drops a file, changes others, and no
 * longer declares two guests), and is killed at a random moment; the test then builds a third
 * declaration in this JVM and looks at every file.
 */
class KilledWriteTest {

    private static final long SEED = 20261126L;
    private static final int MAX_KILLS = 40;
    /** Kills at random moments first; then kills aimed at a pending write, until two have cut one short. */
    private static final int RANDOM_KILLS = 12;

    @TempDir
    Path output;

    @Test
    void aKilledBuildLeavesNothingUnrecordedAndLosesNothing() throws Exception {
        Random random = new Random(SEED);
        List<String> userFiles = List.of("web/guest/kmod-xenpv-0.1-5.el.x86_64.rpm", "web/notes.txt",
                "web/guest/etc/site.conf", "old/guest/kmod-xenpv-0.1-5.el.x86_64.rpm");
        for (String path : userFiles) {
            Files.createDirectories(output.resolve(path).getParent());
            Files.writeString(output.resolve(path), "the user's " + path);
        }
        int cutShort = 0;
        int kills = 0;
        // Kill at random moments, then until two kills have cut a write short (a record says a write
        // was pending) at moments aimed at one: a random moment lands in a pending write only a few
        // times in a hundred, too rarely to count on. The checks below hold after every kill.
        while (kills < RANDOM_KILLS || cutShort < 2) {
            assertTrue(kills < MAX_KILLS, "only " + cutShort + " of " + kills + " kills cut a write short");
            kills++;
            Process child = new ProcessBuilder(java(), "-cp", classpath(), Child.class.getName(), output.toString())
                    .redirectErrorStream(true).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            // Past the slow first rounds of a cold JVM, kill at a random moment of a round, as long as the last one took.
            int round = 3 + random.nextInt(2);
            long started = 0;
            long previous = 0;
            for (String line = lines.readLine(); ; line = lines.readLine()) {
                assertTrue(line != null && line.startsWith("round "), "the child said " + line);
                previous = started;
                started = System.nanoTime();
                if (line.equals("round " + round)) {
                    break;
                }
            }
            if (kills <= RANDOM_KILLS) {
                TimeUnit.NANOSECONDS.sleep((long) (random.nextDouble() * (started - previous)));
            } else {
                // the marker: a record that says a write is pending, read while the child writes
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (pendingWrites() == 0) {
                    assertTrue(child.isAlive() && System.nanoTime() < deadline, "no write of the child was pending");
                }
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            if (pendingWrites() > 0) {
                cutShort++;
            }
            String kill = kills + " (round " + round + ")";

            BundleWriter.Report report = new BundleWriter(output, Child.OWNER).write(List.of(declaration("c", 150)),
                    Set.of("web"));
            for (String path : userFiles) {
                assertEquals("the user's " + path, Files.readString(output.resolve(path)), path + " after kill " + kill);
            }
            Set<String> expected = new TreeSet<>();
            declaration("c", 150).files().forEach(file -> expected.add(file.path()));
            Set<String> withUsers = new TreeSet<>(expected);
            withUsers.addAll(List.of("guest/kmod-xenpv-0.1-5.el.x86_64.rpm", "notes.txt", "guest/etc/site.conf"));
            assertEquals(withUsers, new TreeSet<>(OwnershipTest.files(output.resolve("web"))), "web after kill " + kill);
            assertEquals(List.of("guest/kmod-xenpv-0.1-5.el.x86_64.rpm"), OwnershipTest.files(output.resolve("old")),
                    "old keeps only the user's file after kill " + kill);
            assertFalse(Files.exists(output.resolve("tmp")), "tmp is gone after kill " + kill);
            assertEquals(List.of("web.bundle"), OwnershipTest.files(output.resolve(WriteRecord.FOLDER)), "records after kill " + kill);
            WriteRecord record = WriteRecord.read(output.resolve(WriteRecord.FOLDER).resolve("web.bundle"));
            assertEquals(expected, record.paths());
            assertEquals(Set.of(), record.pending());
            assertEquals(List.of(new BundleWriter.Kept("web", output.resolve("web"),
                    List.of("guest/etc/site.conf", "guest/kmod-xenpv-0.1-5.el.x86_64.rpm", "notes.txt"))), report.kept());
        }
    }

    /** How many records say a write may have been cut short. */
    private long pendingWrites() throws IOException {
        long pending = 0;
        for (String guest : WriteRecord.list(output, BundleWriter.RECORD_SUFFIX, "o", name -> true).guests()) {
            WriteRecord record = WriteRecord.read(WriteRecord.fileOf(output, guest, BundleWriter.RECORD_SUFFIX));
            // gone since the listing: a running child removed a guest it no longer declares
            pending += record == null ? 0 : record.pending().size();
        }
        return pending;
    }

    /**
     * Guest {@code web}: {@code files} files in nested folders, their content marked with
     * {@code version}; a file whose name depends on the version, so each declaration drops one.
     */
    static GuestBundle declaration(String version, int files) {
        List<RenderedFile> rendered = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            String folder = switch (i % 4) {
                case 0 -> "dom0/etc/xen";
                case 1 -> "guest/etc";
                case 2 -> "guest/usr/local/sbin";
                default -> "guest/etc/rc.d/init.d";
            };
            rendered.add(new RenderedFile(folder + "/file" + i, (version + " " + i + "\n").repeat(1 + i % 7)
                    .getBytes(StandardCharsets.UTF_8), i % 3 == 0));
        }
        rendered.add(new RenderedFile("guest/only-in-" + version, version.getBytes(StandardCharsets.UTF_8), false));
        return GuestBundle.of("web", rendered);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classpath() {
        return Path.of("target/classes").toAbsolutePath() + File.pathSeparator + Path.of("target/test-classes").toAbsolutePath();
    }

    /** Rewrites the output directory until it is killed. */
    public static final class Child {

        static final String OWNER = "test:killed";

        public static void main(String[] args) throws IOException {
            Path output = Path.of(args[0]);
            BundleWriter writer = new BundleWriter(output, OWNER);
            for (int round = 0; ; round++) {
                System.out.println("round " + round);
                System.out.flush();
                if (round % 2 == 0) {
                    writer.write(List.of(declaration("a", 200), guest("old"), guest("tmp")), Set.of("web", "old", "tmp"));
                } else {
                    writer.write(List.of(declaration("b", 120)), Set.of("web"));
                }
            }
        }

        private static GuestBundle guest(String name) {
            List<RenderedFile> files = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                files.add(new RenderedFile("dom0/etc/xen/" + name + i, ("guest " + name + i).getBytes(StandardCharsets.UTF_8), false));
            }
            return GuestBundle.of(name, files);
        }
    }
}
