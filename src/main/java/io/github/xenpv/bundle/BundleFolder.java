package io.github.xenpv.bundle;

import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest's bundle as written into its folder: the files' paths, modes and digests, and their bytes
 * read back from the folder when an archive is made, one guest at a time.
 *
 * @param guestName the guest's name
 * @param folder its bundle folder
 * @param entries every file of the bundle
 */
public record BundleFolder(String guestName, Path folder, List<BundleEntry> entries) implements BundleContents {

    /**
     * A folder's bundle holding a copy of the entries.
     *
     * @param guestName the guest's name
     * @param folder its bundle folder
     * @param entries every file of the bundle
     */
    public BundleFolder {
        entries = List.copyOf(entries);
    }

    /**
     * Reads every file back, never through a link, and checks it still holds the bytes written.
     *
     * @throws IOException when a file cannot be read, or changed since the plugin wrote it
     */
    @Override
    public GuestBundle read() throws IOException {
        List<RenderedFile> files = new ArrayList<>(entries.size());
        List<String> digests = new ArrayList<>(entries.size());
        for (BundleEntry entry : entries) {
            Path file = folder.resolve(entry.path());
            byte[] content;
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                // no more than the largest file a bundle holds, and one byte to tell it grew
                content = in.readNBytes((int) DriverRpm.MAX_SIZE + 1);
            }
            String sha256 = content.length > DriverRpm.MAX_SIZE ? null : Checksums.sha256(content);
            if (!entry.sha256().equals(sha256)) {
                throw new IOException(file + " changed while the build ran: it no longer holds what the plugin wrote");
            }
            files.add(new RenderedFile(entry.path(), content, entry.executable(), entry.secret()));
            digests.add(sha256);
        }
        return new GuestBundle(guestName, files, digests);
    }
}
