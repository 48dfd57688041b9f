package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
}
