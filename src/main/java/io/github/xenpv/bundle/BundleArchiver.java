package io.github.xenpv.bundle;

import io.github.xenpv.render.RenderedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Archives a guest's bundle so that the same bundle always gives the same bytes: entries under
 * {@code <name>/}, directories included, sorted by path; modes from the bundle layout (0755 for
 * directories and executables, 0644 otherwise), never from the file system, whose umask and
 * checkout differ between machines; owner 0/0 root/root; one fixed time on every entry; a gzip
 * header without time or file name.
 */
public final class BundleArchiver {

    /** The classifier prefix of an attached archive: {@code xenpv-<name>}. */
    public static final String CLASSIFIER_PREFIX = "xenpv-";

    static final int DIRECTORY_MODE = 040755;
    static final int EXECUTABLE_MODE = 0100755;
    static final int REGULAR_MODE = 0100644;

    /** What gzip's header says about the system; fixed so the JDK's default does not leak in. */
    static final GzipParameters.OS GZIP_OS = GzipParameters.OS.UNIX;

    private static final String ROOT = "root";

    private final Instant entryTime;

    /** @param entryTime the time of every entry, whole seconds (see {@link OutputTimestamp}) */
    public BundleArchiver(Instant entryTime) {
        this.entryTime = entryTime;
    }

    /** One archive written for one guest: where it is, and whether this build changed it. */
    public record Archive(String guestName, ArchiveFormat format, Path file, boolean written) {

        /** {@return the classifier it is attached with, {@code xenpv-} and the guest's name} */
        public String classifier() {
            return CLASSIFIER_PREFIX + guestName;
        }
    }

    /**
     * Writes {@code <directory>/<baseName>-xenpv-<name>.<format>} for every bundle and format;
     * an archive whose bytes are already right is left alone.
     *
     * @param bundles the guests' bundles
     * @param formats the formats to write each bundle in
     * @param directory the folder the archives go to, usually the build directory
     * @param baseName the start of each file name, usually the project's final name
     * @return every archive, bundle by bundle, format by format
     * @throws IOException when an archive cannot be written
     */
    public List<Archive> write(List<GuestBundle> bundles, List<ArchiveFormat> formats, Path directory, String baseName)
            throws IOException {
        List<Archive> archives = new ArrayList<>();
        for (GuestBundle bundle : bundles) {
            for (ArchiveFormat format : formats) {
                Path file = directory.resolve(baseName + "-" + CLASSIFIER_PREFIX + bundle.guestName() + "." + format.extension());
                boolean written = BundleWriter.writeIfChanged(file, archive(bundle, format), BundleWriter.REGULAR);
                archives.add(new Archive(bundle.guestName(), format, file, written));
            }
        }
        return archives;
    }

    /**
     * Archives one bundle in memory.
     *
     * @param bundle the guest's bundle
     * @param format the archive format
     * @return the archive's bytes, the same for the same bundle, format and entry time
     * @throws IOException when the archiver fails (it writes to memory only)
     */
    public byte[] archive(GuestBundle bundle, ArchiveFormat format) throws IOException {
        SortedMap<String, RenderedFile> entries = entries(bundle);
        return switch (format) {
            case TAR_GZ -> tarGz(entries);
            case ZIP -> zip(entries);
        };
    }

    /**
     * Every entry by its path in the archive; a directory's path ends with {@code /} and maps to
     * {@code null}. Sorting the paths as strings puts each directory before what it holds.
     */
    private static SortedMap<String, RenderedFile> entries(GuestBundle bundle) {
        SortedMap<String, RenderedFile> entries = new TreeMap<>();
        String root = bundle.guestName() + "/";
        entries.put(root, null);
        for (RenderedFile file : bundle.files()) {
            String path = root + file.path();
            entries.put(path, file);
            for (int slash = path.indexOf('/', root.length()); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                entries.put(path.substring(0, slash + 1), null);
            }
        }
        return entries;
    }

    private static int mode(RenderedFile file) {
        if (file == null) {
            return DIRECTORY_MODE;
        }
        return file.executable() ? EXECUTABLE_MODE : REGULAR_MODE;
    }

    private byte[] tarGz(SortedMap<String, RenderedFile> entries) throws IOException {
        GzipParameters gzip = new GzipParameters();
        gzip.setCompressionLevel(Deflater.BEST_COMPRESSION);
        gzip.setModificationTime(0);
        gzip.setFileName(null);
        gzip.setOS(GZIP_OS);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes, gzip),
                StandardCharsets.UTF_8.name())) {
            // A guest name of up to 64 characters makes paths longer than ustar's 100: PAX headers
            // carry those, and commons-compress gives them the entry's own time and no owner name.
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, RenderedFile> entry : entries.entrySet()) {
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey());
                RenderedFile file = entry.getValue();
                tarEntry.setMode(mode(file));
                tarEntry.setIds(0, 0);
                tarEntry.setNames(ROOT, ROOT);
                tarEntry.setModTime(entryTime.toEpochMilli());
                tarEntry.setSize(file == null ? 0 : file.content().length);
                tar.putArchiveEntry(tarEntry);
                if (file != null) {
                    tar.write(file.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private byte[] zip(SortedMap<String, RenderedFile> entries) throws IOException {
        // A seekable target lets the writer fill in sizes and CRCs in place instead of appending
        // data descriptors: simpler archives that every unzip reads.
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(channel)) {
            zip.setUseZip64(Zip64Mode.Never);
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, RenderedFile> entry : entries.entrySet()) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.getKey());
                RenderedFile file = entry.getValue();
                zipEntry.setUnixMode(mode(file));
                zipEntry.setTime(dosTime());
                zipEntry.setMethod(file == null ? ZipArchiveEntry.STORED : ZipArchiveEntry.DEFLATED);
                zip.putArchiveEntry(zipEntry);
                if (file != null) {
                    zip.write(file.content());
                }
                zip.closeArchiveEntry();
            }
        }
        byte[] all = channel.array();
        byte[] written = new byte[(int) channel.size()];
        System.arraycopy(all, 0, written, 0, written.length);
        return written;
    }

    /**
     * Zip stores local wall-clock time without a zone, and converts a Java time with the JVM's
     * zone. Handing it the instant whose local time reads as the UTC time of {@code entryTime}
     * makes the stored fields the same in every time zone.
     */
    private long dosTime() {
        return entryTime.atOffset(ZoneOffset.UTC).toLocalDateTime().atZone(ZoneId.systemDefault()).toInstant()
                .toEpochMilli();
    }
}
