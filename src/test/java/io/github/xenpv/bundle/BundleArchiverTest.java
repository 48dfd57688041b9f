package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.render.RenderedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archives of a bundle: the same bytes every time, and entries as SPEC §5 and §8 describe them.
 * Each test renders the seed bundle itself, so that mutation testing credits it with that code.
 */
class BundleArchiverTest {

    static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

    GuestBundle seed;

    @BeforeEach
    void render() throws Exception {
        seed = new BundleGenerator(null, null).render(List.of(SeedGuest.valid())).get(0);
    }

    @Test
    void twoArchiversGiveTheSameBytes() throws IOException {
        for (ArchiveFormat format : ArchiveFormat.values()) {
            assertArrayEquals(new BundleArchiver(TIME).archive(seed, format), new BundleArchiver(TIME).archive(seed, format),
                    format.extension());
        }
    }

    @Test
    void theTimeIsTheOnlyThingTheTimestampChanges() throws IOException {
        byte[] first = new BundleArchiver(TIME).archive(seed, ArchiveFormat.TAR_GZ);
        byte[] later = new BundleArchiver(TIME.plusSeconds(86_400)).archive(seed, ArchiveFormat.TAR_GZ);
        assertFalse(Arrays.equals(first, later));
        assertEquals(tarEntries(first).stream().map(TarArchiveEntry::getName).toList(),
                tarEntries(later).stream().map(TarArchiveEntry::getName).toList());
    }

    @Test
    void tarEntriesAreSortedWithTheirDirectoriesModesOwnerAndTime() throws IOException {
        List<TarArchiveEntry> entries = tarEntries(new BundleArchiver(TIME).archive(seed, ArchiveFormat.TAR_GZ));
        List<String> names = entries.stream().map(TarArchiveEntry::getName).toList();
        assertEquals(List.of("rhel3_64_fv/", "rhel3_64_fv/README.txt", "rhel3_64_fv/SHA256SUMS", "rhel3_64_fv/dom0/",
                "rhel3_64_fv/dom0/etc/", "rhel3_64_fv/dom0/etc/xen/", "rhel3_64_fv/dom0/etc/xen/rhel3_64_fv",
                "rhel3_64_fv/dom0/install-dom0.sh", "rhel3_64_fv/guest/", "rhel3_64_fv/guest/boot/", "rhel3_64_fv/guest/boot/grub/",
                "rhel3_64_fv/guest/boot/grub/grub.conf", "rhel3_64_fv/guest/etc/", "rhel3_64_fv/guest/etc/fstab",
                "rhel3_64_fv/guest/etc/modules.conf", "rhel3_64_fv/guest/etc/rc.d/", "rhel3_64_fv/guest/etc/rc.d/rc.local",
                "rhel3_64_fv/guest/etc/rc.modules", "rhel3_64_fv/guest/install-guest.sh", "rhel3_64_fv/guest/sbin/",
                "rhel3_64_fv/guest/sbin/xenpv-mknod", "rhel3_64_fv/guest/usr/", "rhel3_64_fv/guest/usr/local/",
                "rhel3_64_fv/guest/usr/local/sbin/", "rhel3_64_fv/guest/usr/local/sbin/xenpv-verify"), names);
        for (TarArchiveEntry entry : entries) {
            String name = entry.getName();
            boolean executable = executable(name);
            int permissions = entry.isDirectory() || executable ? 0755 : 0644;
            assertEquals(permissions, entry.getMode() & 07777, name);
            assertEquals(0, entry.getLongUserId(), name);
            assertEquals(0, entry.getLongGroupId(), name);
            assertEquals("root", entry.getUserName(), name);
            assertEquals("root", entry.getGroupName(), name);
            assertEquals(TIME, entry.getLastModifiedTime().toInstant(), name);
        }
    }

    @Test
    void tarEntriesHoldTheBundlesBytes() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (TarArchiveInputStream tar = tar(new BundleArchiver(TIME).archive(seed, ArchiveFormat.TAR_GZ))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        assertBundleBytes(files);
    }

    @Test
    void zipEntriesHoldTheBundlesBytes() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        byte[] archive = new BundleArchiver(TIME).archive(seed, ArchiveFormat.ZIP);
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                if (!entry.isDirectory()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        files.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        assertBundleBytes(files);
    }

    @Test
    void zipFilesAreDeflatedAtTheBestLevelAndDirectoriesStored() throws IOException {
        byte[] archive = new BundleArchiver(TIME).archive(seed, ArchiveFormat.ZIP);
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    assertEquals(ZipArchiveEntry.STORED, entry.getMethod(), name);
                    assertEquals(0, entry.getSize(), name);
                } else {
                    assertEquals(ZipArchiveEntry.DEFLATED, entry.getMethod(), name);
                    byte[] content;
                    try (InputStream in = zip.getInputStream(entry)) {
                        content = in.readAllBytes();
                    }
                    assertEquals(bestDeflateSize(content), entry.getCompressedSize(), name);
                }
            }
        }
    }

    /** What zip's raw deflate at {@link Deflater#BEST_COMPRESSION} makes of these bytes, as the tar.gz uses too. */
    private static long bestDeflateSize(byte[] content) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(content);
            deflater.finish();
            byte[] buffer = new byte[8192];
            long size = 0;
            while (!deflater.finished()) {
                size += deflater.deflate(buffer);
            }
            return size;
        } finally {
            deflater.end();
        }
    }

    /** Every file of the seed bundle, and nothing else, under {@code rhel3_64_fv/} with its exact bytes. */
    private void assertBundleBytes(Map<String, byte[]> entries) {
        assertEquals(seed.files().stream().map(file -> "rhel3_64_fv/" + file.path()).sorted().toList(),
                List.copyOf(entries.keySet()));
        for (RenderedFile file : seed.files()) {
            assertTrue(file.content().length > 0, file.path());
            assertArrayEquals(file.content(), entries.get("rhel3_64_fv/" + file.path()), file.path());
        }
    }

    @Test
    void gnuTarListsTheEntriesAsRootWithTheirModesAndTime() throws Exception {
        List<String> lines = gnuTarListing(new BundleArchiver(TIME).archive(seed, ArchiveFormat.TAR_GZ));
        assertEquals(25, lines.size(), String.join("\n", lines));
        assertEquals("drwxr-xr-x 0/0 0 2026-01-01 00:00 rhel3_64_fv/", lines.get(0));
        assertTrue(lines.contains("-rwxr-xr-x 0/0 " + size("guest/etc/rc.modules")
                + " 2026-01-01 00:00 rhel3_64_fv/guest/etc/rc.modules"), String.join("\n", lines));
        assertTrue(lines.contains("-rw-r--r-- 0/0 " + size("guest/etc/fstab")
                + " 2026-01-01 00:00 rhel3_64_fv/guest/etc/fstab"), String.join("\n", lines));
    }

    @Test
    void theGzipHeaderHasNoTimeNoNameAndAFixedSystem() throws IOException {
        byte[] archive = new BundleArchiver(TIME).archive(seed, ArchiveFormat.TAR_GZ);
        assertArrayEquals(new byte[] {(byte) 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3}, Arrays.copyOf(archive, 10),
                "magic, deflate, no flags (no name, comment or extra), mtime 0, best compression, Unix");
    }

    @Test
    void aLongGuestNameKeepsFullPathsAndLeaksNoUserName() throws Exception {
        Guest declaration = SeedGuest.declaration();
        declaration.setName("g".repeat(64));
        GuestBundle bundle = new BundleGenerator(null, null).render(List.of(SeedGuest.validOnly(declaration))).get(0);
        String user = System.getProperty("user.name");
        byte[] first;
        byte[] second;
        try {
            System.setProperty("user.name", "alice");
            first = new BundleArchiver(TIME).archive(bundle, ArchiveFormat.TAR_GZ);
            System.setProperty("user.name", "bob");
            second = new BundleArchiver(TIME).archive(bundle, ArchiveFormat.TAR_GZ);
        } finally {
            System.setProperty("user.name", user);
        }
        assertArrayEquals(first, second);
        String tarStream = new String(new GZIPInputStream(new ByteArrayInputStream(first)).readAllBytes(),
                StandardCharsets.ISO_8859_1);
        assertFalse(tarStream.contains("alice"), "the user's name is in the archive");
        // 142 characters, more than ustar's 100-byte name field holds: GNU tar must read the whole path
        String config = "g".repeat(64) + "/dom0/etc/xen/" + "g".repeat(64);
        assertTrue(tarEntries(first).stream().anyMatch(entry -> entry.getName().equals(config)));
        assertTrue(gnuTarListing(first).stream().anyMatch(line -> line.endsWith(" " + config)), config);
    }

    @Test
    void zipEntriesKeepUnixModesAndTheTimeInEveryTimeZone() throws IOException {
        TimeZone zone = TimeZone.getDefault();
        byte[] tokyo;
        byte[] honolulu;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            tokyo = new BundleArchiver(TIME).archive(seed, ArchiveFormat.ZIP);
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Honolulu"));
            honolulu = new BundleArchiver(TIME).archive(seed, ArchiveFormat.ZIP);
        } finally {
            TimeZone.setDefault(zone);
        }
        assertArrayEquals(tokyo, honolulu);
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(tokyo)).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
            assertEquals(tarEntries(new BundleArchiver(TIME).archive(seed, ArchiveFormat.TAR_GZ)).stream()
                    .map(TarArchiveEntry::getName).toList(), entries.stream().map(ZipArchiveEntry::getName).toList());
            for (ZipArchiveEntry entry : entries) {
                String name = entry.getName();
                boolean executable = executable(name);
                assertEquals(entry.isDirectory() ? 040755 : executable ? 0100755 : 0100644, entry.getUnixMode(), name);
                assertEquals(0, entry.getExtraFields().length, name + " has no extra time or owner fields");
                // The DOS fields hold wall-clock time; the JVM's zone reads them back to local time.
                assertEquals(LocalDateTime.of(2026, 1, 1, 0, 0),
                        LocalDateTime.ofInstant(Instant.ofEpochMilli(entry.getTime()), ZoneId.systemDefault()), name);
            }
        }
    }

    @Test
    void anArchiveThatIsAlreadyRightIsNotRewritten(@TempDir Path target) throws IOException {
        BundleArchiver archiver = new BundleArchiver(TIME);
        List<BundleArchiver.Archive> first = archiver.write(List.of(seed), List.of(ArchiveFormat.TAR_GZ, ArchiveFormat.ZIP),
                target, "guests-1.0");
        assertEquals(List.of(target.resolve("guests-1.0-xenpv-rhel3_64_fv.tar.gz"), target.resolve("guests-1.0-xenpv-rhel3_64_fv.zip")),
                first.stream().map(BundleArchiver.Archive::file).toList());
        assertTrue(first.stream().allMatch(BundleArchiver.Archive::written));
        assertEquals("xenpv-rhel3_64_fv", first.get(0).classifier());
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(first.get(0).file(), old);
        List<BundleArchiver.Archive> second = archiver.write(List.of(seed), List.of(ArchiveFormat.TAR_GZ), target, "guests-1.0");
        assertFalse(second.get(0).written());
        assertEquals(old, Files.getLastModifiedTime(second.get(0).file()));
    }

    /** GNU tar's verbose listing of a tar.gz, numeric owners, times in UTC, runs of spaces made one. */
    private static List<String> gnuTarListing(byte[] archive) throws IOException, InterruptedException {
        Path file = Files.createTempFile("bundle", ".tar.gz");
        try {
            Files.write(file, archive);
            ProcessBuilder builder = new ProcessBuilder("tar", "--numeric-owner", "-tvzf", file.toString())
                    .redirectErrorStream(true);
            builder.environment().put("TZ", "UTC");
            Process tar = builder.start();
            List<String> lines = new String(tar.getInputStream().readAllBytes()).lines()
                    .map(line -> line.replaceAll(" +", " ")).toList();
            assertEquals(0, tar.waitFor(), String.join("\n", lines));
            return lines;
        } finally {
            Files.delete(file);
        }
    }

    /** What SPEC §5 makes executable: the scripts, rc.local and rc.modules. */
    private static boolean executable(String entryName) {
        return entryName.endsWith(".sh") || entryName.endsWith("/rc.local") || entryName.endsWith("/rc.modules")
                || entryName.contains("sbin/") && !entryName.endsWith("/");
    }

    private long size(String path) {
        return seed.files().stream().filter(file -> file.path().equals(path)).findFirst().orElseThrow().content().length;
    }

    private static TarArchiveInputStream tar(byte[] archive) throws IOException {
        return new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)));
    }

    private static List<TarArchiveEntry> tarEntries(byte[] archive) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = tar(archive)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
