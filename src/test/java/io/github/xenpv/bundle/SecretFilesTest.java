package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.Problem;
import io.github.xenpv.model.ValidGuest;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §16 (Trust), issue 19 point 4: a bundle file that holds a password (an xm config with
 * {@code vncpasswd} or another {@code passwd}/{@code password} key) is root's alone, mode 0600, in
 * the bundle folder, in the archive's entry and as the archive in {@code target/}; the other files
 * keep their modes; a password the build was not given is named, never written empty.
 */
class SecretFilesTest {

    static final String CONFIG = "dom0/etc/xen/rhel3_64_fv";

    @TempDir
    Path out;

    private static ValidGuest withPassword(String key) {
        Guest declaration = SeedGuest.declaration();
        declaration.setExtraConfig(Map.of(key, "s3cret", "keymap", "en-us"));
        return SeedGuest.validOnly(declaration);
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theConfigHoldingAPasswordIsRootsAloneInTheFolder() throws Exception {
        Path folder = out.resolve("xenpv");
        new BundleGenerator(folder, null).generate(List.of(SeedGuest.valid()));
        assertEquals("rw-r--r--", mode(folder.resolve("rhel3_64_fv").resolve(CONFIG)));
        // a rebuild that adds the password takes the mode away from the file an earlier build wrote
        new BundleGenerator(folder, null).generate(List.of(withPassword("vncpasswd")));
        Path config = folder.resolve("rhel3_64_fv").resolve(CONFIG);
        assertTrue(Files.readString(config).contains("vncpasswd = \"s3cret\"\n"));
        assertEquals("rw-------", mode(config));
        assertEquals("rw-r--r--", mode(folder.resolve("rhel3_64_fv/README.txt")));
        assertEquals("rwxr-xr-x", mode(folder.resolve("rhel3_64_fv/guest/install-guest.sh")));
        // and a fresh folder gets it at once
        Path fresh = out.resolve("fresh");
        new BundleGenerator(fresh, null).generate(List.of(withPassword("root_password")));
        assertEquals("rw-------", mode(fresh.resolve("rhel3_64_fv").resolve(CONFIG)));
    }

    @Test
    void theArchiveEntryAndTheArchiveAreRootsAloneToo() throws Exception {
        GuestBundle bundle = new BundleGenerator(null, null).render(List.of(withPassword("vncpasswd"))).get(0);
        BundleArchiver archiver = new BundleArchiver(Instant.parse("2026-01-01T00:00:00Z"));
        Map<String, Integer> tar = new TreeMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(
                archiver.archive(bundle, ArchiveFormat.TAR_GZ))))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                tar.put(entry.getName(), entry.getMode());
            }
        }
        assertEquals(0100600, tar.get("rhel3_64_fv/" + CONFIG));
        assertEquals(0100644, tar.get("rhel3_64_fv/README.txt"));
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(
                archiver.archive(bundle, ArchiveFormat.ZIP))).get()) {
            ZipArchiveEntry entry = zip.getEntry("rhel3_64_fv/" + CONFIG);
            assertEquals(0100600, entry.getUnixMode());
        }
        archiver.write(List.of(bundle), List.of(ArchiveFormat.TAR_GZ, ArchiveFormat.ZIP), out, "guests-1.0", Set.of(
                "rhel3_64_fv"), "test");
        assertEquals("rw-------", mode(out.resolve("guests-1.0-xenpv-rhel3_64_fv.tar.gz")));
        assertEquals("rw-------", mode(out.resolve("guests-1.0-xenpv-rhel3_64_fv.zip")));
    }

    /**
     * The way a build makes its archives: from the bundle folder as written, and on a rebuild that
     * changes nothing, from what the folder's record says of each file. Each time the config's
     * entry and the archives stay 0600 (the folder's entries once came back without the secret,
     * and the archive entry with 0644).
     */
    @Test
    void archivesMadeFromTheFolderAndItsRecordKeepTheSecretsMode() throws Exception {
        Path folder = out.resolve("xenpv");
        BundleArchiver archiver = new BundleArchiver(Instant.parse("2026-01-01T00:00:00Z"));
        for (String build : List.of("first build", "unchanged rebuild")) {
            List<BundleFolder> bundles = new BundleGenerator(folder, null).generate(List.of(withPassword("vncpasswd"))).bundles();
            assertEquals(List.of(CONFIG), bundles.get(0).entries().stream().filter(BundleEntry::secret).map(BundleEntry::path)
                    .toList(), build);
            Path archives = out.resolve("target " + build);
            archiver.write(bundles, List.of(ArchiveFormat.TAR_GZ), archives, "guests-1.0", Set.of("rhel3_64_fv"), "test");
            Path archive = archives.resolve("guests-1.0-xenpv-rhel3_64_fv.tar.gz");
            assertEquals("rw-------", mode(archive), build);
            Map<String, Integer> tar = new TreeMap<>();
            try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(archive)))) {
                for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    tar.put(entry.getName(), entry.getMode());
                }
            }
            assertEquals(0100600, tar.get("rhel3_64_fv/" + CONFIG), build);
            assertEquals(0100755, tar.get("rhel3_64_fv/guest/install-guest.sh"), build);
            // a rebuild with the same inputs leaves the archive alone, and it stays root's alone
            archiver.write(bundles, List.of(ArchiveFormat.TAR_GZ), archives, "guests-1.0", Set.of("rhel3_64_fv"), "test");
            assertEquals("rw-------", mode(archive), build + ", archives again");
        }
        assertEquals("rw-------", mode(folder.resolve("rhel3_64_fv").resolve(CONFIG)));
    }

    @Test
    void aPasswordTheBuildWasNotGivenIsNamedNotWrittenEmpty() {
        // the import writes ${xenpv.secret.<guest>.vncpasswd}: unsupplied, Maven leaves the element empty
        Guest declaration = SeedGuest.declaration();
        Map<String, String> extra = new TreeMap<>();
        extra.put("vncpasswd", null);
        declaration.setExtraConfig(extra);
        List<Problem> errors = GuestValidator.validate(List.of(declaration)).errors();
        assertEquals(List.of(new Problem("guests/guest[rhel3_64_fv]/extraConfig/vncpasswd", "a password without a value: "
                + "supply it when you build (the import writes the property xenpv.secret.rhel3_64_fv.vncpasswd: "
                + "-Dxenpv.secret.rhel3_64_fv.vncpasswd=... or that property in settings.xml), or leave the key out")),
                errors);
    }
}
