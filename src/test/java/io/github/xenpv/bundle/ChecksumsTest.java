package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.xenpv.fixtures.SparseFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A guest folder's {@code SHA256SUMS} read back as what the plugin last wrote there. */
class ChecksumsTest {

    @TempDir
    Path folder;

    @Test
    void aListOfUpToOneMebibyteIsReadAndALargerOneIsNone() throws IOException {
        // a bundle lists a few dozen files: a list past 1 MiB is none the plugin wrote, so it vouches for nothing
        String digest = "a".repeat(64);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; (1 << 20) - lines.length() > 200; i++) {
            lines.append(digest).append("  ").append(String.format("file%09d", i)).append('\n');
        }
        int lastPath = (1 << 20) - lines.length() - digest.length() - 3;
        String mebibyte = lines + digest + "  " + "x".repeat(lastPath) + "\n";
        assertEquals(1 << 20, mebibyte.length());
        Files.writeString(folder.resolve("SHA256SUMS"), mebibyte);
        Map<String, String> listed = Checksums.listed(folder);
        assertEquals(digest, listed.get("file000000000"));
        assertEquals(digest, listed.get("x".repeat(lastPath)));
        Files.writeString(folder.resolve("SHA256SUMS"), lines + digest + "  " + "x".repeat(lastPath + 1) + "\n");
        assertEquals(Map.of(), Checksums.listed(folder), "one byte more");
    }

    /**
     * For a folder written before records, the list vouches only for files that still hold what it
     * lists. A listed file holding more than any bundle file is none the plugin wrote, and is not
     * read whole (past 2 GiB that failed with an {@code OutOfMemoryError}); a list past 1 MiB is
     * none the plugin wrote either, as for {@link Checksums#listed}.
     */
    @Test
    void aListVouchesForNoFileLargerThanABundleHoldsAndIsNoneItselfPastOneMebibyte() throws IOException {
        Files.writeString(folder.resolve("README.txt"), "read me\n");
        String readme = Checksums.sha256("read me\n".getBytes(StandardCharsets.UTF_8));
        SparseFile.of(folder.resolve("disk.img"), SparseFile.PAST_ANY_ARRAY);
        String list = readme + "  README.txt\n" + "0".repeat(64) + "  disk.img\n";
        Files.writeString(folder.resolve("SHA256SUMS"), list);
        assertEquals(Set.of("README.txt", "SHA256SUMS"), Checksums.verified(folder));

        // padded to exactly 1 MiB with a last path of the right length, then one byte more
        StringBuilder lines = new StringBuilder(list);
        for (int i = 0; (1 << 20) - lines.length() > 200; i++) {
            lines.append(readme).append("  ").append(String.format("file%09d", i)).append('\n');
        }
        String last = "x".repeat((1 << 20) - lines.length() - readme.length() - 3);
        Files.writeString(folder.resolve("SHA256SUMS"), lines + readme + "  " + last + "\n");
        assertEquals(1 << 20, Files.size(folder.resolve("SHA256SUMS")));
        assertEquals(Set.of("README.txt", "SHA256SUMS"), Checksums.verified(folder), "a list of 1 MiB");
        Files.writeString(folder.resolve("SHA256SUMS"), lines + readme + "  " + last + "x\n");
        assertEquals(Set.of(), Checksums.verified(folder), "one byte more");
    }

    /** A file is read up to the largest a bundle holds, the driver RPM's limit, and no further. */
    @Test
    void aFileIsDigestedUpToTheLargestABundleHoldsAndNoFurther() throws IOException {
        Path largest = SparseFile.of(folder.resolve("largest"), DriverRpm.MAX_SIZE);
        assertEquals(Checksums.sha256(new byte[(int) DriverRpm.MAX_SIZE]), Checksums.sha256Of(largest));
        assertNull(Checksums.sha256Of(SparseFile.of(folder.resolve("larger"), DriverRpm.MAX_SIZE + 1)));
        assertNull(Checksums.sha256Of(SparseFile.of(folder.resolve("past any array"), SparseFile.PAST_ANY_ARRAY)));
    }
}
