package io.github.xenpv.bundle;

import io.github.xenpv.render.RenderInputs;
import io.github.xenpv.render.RenderedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Archives a guest's bundle so that the same bundle always gives the same bytes: entries under
 * {@code <name>/}, directories included, sorted by path; modes from the bundle layout (0755 for
 * directories and executables, 0600 for a file holding a password, 0644 otherwise), never from the file system, whose umask and
 * checkout differ between machines; owner 0/0 root/root; one fixed time on every entry; a gzip
 * header without time or file name.
 */
public final class BundleArchiver {

    /** The classifier prefix of an attached archive: {@code xenpv-<name>}. */
    public static final String CLASSIFIER_PREFIX = "xenpv-";

    static final int DIRECTORY_MODE = 040755;
    static final int EXECUTABLE_MODE = 0100755;
    static final int REGULAR_MODE = 0100644;
    static final int SECRET_MODE = 0100600;

    /** What gzip's header says about the system; fixed so the JDK's default does not leak in. */
    static final GzipParameters.OS GZIP_OS = GzipParameters.OS.UNIX;

    private static final String ROOT = "root";

    /** Ends the name of a guest's archive record in {@code .xenpv-written/}. */
    static final String RECORD_SUFFIX = ".archives";

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
     * What {@link #write} did: the archives of the bundles, and the archives an earlier build wrote
     * that no declared guest and format has any more, now removed.
     *
     * @param archives every archive, bundle by bundle, format by format
     * @param removed the archives removed
     */
    public record Written(List<Archive> archives, List<Path> removed) {

        /**
         * A result holding copies of the lists.
         *
         * @param archives every archive, bundle by bundle, format by format
         * @param removed the archives removed
         */
        public Written {
            archives = List.copyOf(archives);
            removed = List.copyOf(removed);
        }
    }

    /**
     * Writes {@code <directory>/<baseName>-xenpv-<name>.<format>} for every bundle and format; an
     * archive whose bytes are already right is left alone. Archives are the plugin's by the same
     * rule as bundle folders: a record in {@code <directory>/.xenpv-written/} lists the ones it
     * wrote, and only those are replaced or removed (a format dropped, a guest no longer in
     * {@code declared}, a new final name). A guest whose archives were made from the same bundle
     * files, formats, entry time and plugin, and are still as written, is not archived again; the
     * others are archived side by side, each staged as soon as it is made, and moved into place
     * once none meets a file the plugin did not write.
     *
     * @param bundles the guests' bundles
     * @param formats the formats to write each bundle in
     * @param directory the folder the archives go to, usually the build directory
     * @param baseName the start of each file name, usually the project's final name
     * @param declared every declared guest's name, archived now or not
     * @param owner who writes, as {@link BundleWriter} records it
     * @return every archive, and the archives removed
     * @throws ForeignFileException when an archive's path holds a file the plugin did not write;
     *     then no archive is written
     * @throws IOException when an archive cannot be written or removed
     */
    public Written write(List<? extends BundleContents> bundles, List<ArchiveFormat> formats, Path directory,
            String baseName, Set<String> declared, String owner) throws IOException {
        Optional<byte[]> code = RenderInputs.pluginCode();
        List<OwnedFiles.Ready> ready;
        try (Staging staging = new Staging(directory)) {
            ready = Parallel.map(bundles, bundle -> prepare(bundle, formats, directory, baseName, owner,
                    code.map(plugin -> inputs(plugin, bundle, formats, baseName)).orElse(null), staging));
            List<String> conflicts = new ArrayList<>();
            ready.forEach(guest -> guest.conflicts().forEach(conflict -> conflicts.add(directory + "/" + conflict)));
            if (!conflicts.isEmpty()) {
                throw new ForeignFileException("no archive was written: the plugin replaces only files it wrote, and "
                        + String.join(", ", conflicts) + ". Move " + (conflicts.size() == 1 ? "it" : "them")
                        + " out of the way and build again.");
            }
            List<OwnedFiles.Outcome> outcomes = OwnedFiles.writeAll(ready);
            List<Archive> archives = new ArrayList<>();
            List<Path> removed = new ArrayList<>();
            for (int i = 0; i < ready.size(); i++) {
                String guestName = bundles.get(i).guestName();
                OwnedFiles.Plan plan = ready.get(i).plan();
                for (int j = 0; j < formats.size(); j++) {
                    // a plan without conflicts has one step per file, in order: step j is the archive in formats[j]
                    ArchiveFormat format = formats.get(j);
                    boolean written = plan != null && plan.steps().get(j).change() != OwnedFiles.Change.NONE;
                    archives.add(new Archive(guestName, format, directory.resolve(fileName(baseName, guestName, format)),
                            written));
                }
                removed.addAll(outcomes.get(i).removed());
            }
            for (OwnedFiles.Outcome cleanUp : OwnedFiles.removeUndeclared(directory, RECORD_SUFFIX, declared, owner,
                    guestName -> archivesOf(directory, guestName, owner)).values()) {
                removed.addAll(cleanUp.removed());
            }
            return new Written(archives, removed);
        }
    }

    /** One guest's archives made ready: left alone when their record says they are already right, else made and staged. */
    private OwnedFiles.Ready prepare(BundleContents bundle, List<ArchiveFormat> formats, Path directory, String baseName,
            String owner, String inputs, Staging staging) throws IOException {
        OwnedFiles archives = archivesOf(directory, bundle.guestName(), owner);
        if (inputs != null) {
            OwnedFiles.Outcome unchanged = archives.unchanged(inputs);
            if (unchanged != null) {
                return OwnedFiles.Ready.keep(archives, unchanged);
            }
        }
        GuestBundle contents = bundle.read();
        List<RenderedFile> files = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (ArchiveFormat format : formats) {
            byte[] archive = archive(contents, format);
            // an archive holding a secret is root's alone, like the file in it
            files.add(new RenderedFile(fileName(baseName, bundle.guestName(), format), archive, false,
                    bundle.entries().stream().anyMatch(BundleEntry::secret)));
            digests.add(Checksums.sha256(archive));
        }
        if (!archives.recorded()) {
            archives.adopt(earlierArchives(directory, baseName, bundle.guestName()));
        }
        return new OwnedFiles.Ready(archives, archives.plan(files, digests, staging), inputs, null);
    }

    /**
     * Everything a guest's archives are made from: the plugin's code, the entry time, each format
     * and file name, and every file of the bundle by path, mode and digest.
     */
    private String inputs(byte[] pluginCode, BundleContents bundle, List<ArchiveFormat> formats, String baseName) {
        StringBuilder inputs = new StringBuilder("xenpv archive inputs 1\n")
                .append(HexFormat.of().formatHex(pluginCode)).append('\n')
                .append(entryTime.toEpochMilli()).append('\n');
        for (ArchiveFormat format : formats) {
            inputs.append(format.extension()).append(' ').append(fileName(baseName, bundle.guestName(), format)).append('\n');
        }
        for (BundleEntry entry : bundle.entries().stream().sorted(Comparator.comparing(BundleEntry::path)).toList()) {
            inputs.append(entry.sha256()).append(' ').append(entry.octalMode()).append(' ').append(entry.path()).append('\n');
        }
        return Checksums.sha256(inputs.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String fileName(String baseName, String guestName, ArchiveFormat format) {
        return baseName + "-" + CLASSIFIER_PREFIX + guestName + "." + format.extension();
    }

    /** A guest's archives in {@code directory}, as the plugin recorded writing them. */
    private static OwnedFiles archivesOf(Path directory, String guestName, String owner) throws IOException {
        return new OwnedFiles(directory, WriteRecord.fileOf(directory, guestName, RECORD_SUFFIX), owner, false);
    }

    /**
     * For a build directory from before the plugin kept records: the archives at this guest's names
     * that are bundle archives of this guest (every entry under {@code <name>/}, with its
     * {@code SHA256SUMS}), which only this plugin writes.
     */
    private static Set<String> earlierArchives(Path directory, String baseName, String guestName) {
        Set<String> earlier = new HashSet<>();
        for (ArchiveFormat format : ArchiveFormat.values()) {
            String name = fileName(baseName, guestName, format);
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && isBundleArchive(file, format, guestName)) {
                earlier.add(name);
            }
        }
        return earlier;
    }

    private static boolean isBundleArchive(Path file, ArchiveFormat format, String guestName) {
        String root = guestName + "/";
        boolean sums = false;
        try (ArchiveInputStream<? extends ArchiveEntry> entries = switch (format) {
            case TAR_GZ -> new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(file)));
            case ZIP -> new ZipArchiveInputStream(Files.newInputStream(file));
        }) {
            for (ArchiveEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (!entry.getName().startsWith(root)) {
                    return false;
                }
                sums |= entry.getName().equals(root + Checksums.FILE_NAME);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return sums;
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
        return file.secret() ? SECRET_MODE : file.executable() ? EXECUTABLE_MODE : REGULAR_MODE;
    }

    private byte[] tarGz(SortedMap<String, RenderedFile> entries) throws IOException {
        GzipParameters gzip = new GzipParameters();
        // no time and no file name in the header: GzipParameters' own defaults, which BundleArchiverTest holds it to
        gzip.setCompressionLevel(Deflater.BEST_COMPRESSION);
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
                // owner ids 0/0 are a new entry's own; its names are the JVM user's, so they are set
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
