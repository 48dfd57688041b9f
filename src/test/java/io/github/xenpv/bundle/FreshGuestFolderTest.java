package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.ValidGuest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: a guest folder that does not exist yet is staged whole and takes its place with one
 * rename, instead of a rename and the folders for each file. It must hold exactly what the
 * file-by-file write gives an existing folder: the same files, bytes and modes (a secret's 0600
 * included), the same folders with the same modes, and a record of every file; and the same again
 * when the staging folder is on another file system, where one rename cannot move a folder.
 */
class FreshGuestFolderTest {

    private static final String OWNER = "com.example:guests";

    @TempDir
    Path out;

    private static List<ValidGuest> guests() {
        Guest withPassword = SeedGuest.declaration();
        withPassword.setName("secret_fv");
        withPassword.getNetworks().get(0).setMac("00:16:3e:00:00:99");
        withPassword.getBootDisk().setSource("/var/lib/xen/images/secret_fv.img");
        withPassword.setExtraConfig(Map.of("vncpasswd", "s3cret"));
        return List.of(SeedGuest.valid(), SeedGuest.validOnly(withPassword));
    }

    @Test
    void aFreshFolderHoldsWhatTheFileByFileWriteGivesAnExistingOne() throws Exception {
        Path byFile = out.resolve("by-file");
        for (ValidGuest guest : guests()) {
            // an empty folder is not fresh: its files are compared and moved in one by one
            Files.createDirectories(byFile.resolve(guest.name()));
        }
        new BundleGenerator(byFile, null, OWNER, out).generate(guests());
        Path whole = out.resolve("whole");
        new BundleGenerator(whole, null, OWNER, out).generate(guests());

        assertEquals(tree(byFile), tree(whole));
        assertEquals("rw-------", tree(whole).get("secret_fv/dom0/etc/xen/secret_fv").substring(0, 9));
        assertEquals(List.of("by-file", "whole"), names(out), "no staging folder is left behind");
        // and the record vouches for every file: a second build finds nothing to write
        assertEquals(0, new BundleGenerator(whole, null, OWNER, out).generate(guests()).written().size());
    }

    @Test
    void aStagingFolderOnAnotherFileSystemGivesTheSameFolder() throws Exception {
        Path memory = Path.of("/dev/shm");
        if (!Files.isDirectory(memory) || !Files.isWritable(memory) || Files.getFileStore(memory).equals(Files.getFileStore(out))) {
            Checkers.unavailable("/dev/shm is no writable file system of its own beside the temporary folder, to stage across",
                    "run the tests where /dev/shm is a tmpfs, as on Debian");
        }
        Path staging = Files.createTempDirectory(memory, "xenpv-fresh-");
        try {
            Path across = out.resolve("across");
            new BundleGenerator(across, null, OWNER, staging).generate(guests());
            Path same = out.resolve("same");
            new BundleGenerator(same, null, OWNER, out).generate(guests());
            assertEquals(tree(same), tree(across));
            assertNotEquals(Map.of(), tree(across));
            assertEquals(List.of(), names(staging), "no staging folder is left behind");
        } finally {
            Files.delete(staging);
        }
    }

    /** Every file and folder under the guest folders: its mode, and for a file its bytes; the records only by name. */
    private static SortedMap<String, String> tree(Path output) throws IOException {
        SortedMap<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(output)) {
            for (Path path : walk.filter(path -> !path.equals(output)).toList()) {
                String relative = output.relativize(path).toString();
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                boolean record = relative.startsWith(WriteRecord.FOLDER);
                tree.put(relative, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? mode + " folder"
                        : record ? "a record" : mode + " " + Checksums.sha256(Files.readAllBytes(path)));
            }
        }
        assertTrue(tree.containsKey(WriteRecord.FOLDER), "records are written");
        return tree;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
