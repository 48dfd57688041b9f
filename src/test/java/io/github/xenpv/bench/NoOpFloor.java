package io.github.xenpv.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The least a no-op rebuild must do beyond validation, timed in a JVM of its own started for it as
 * Maven's is: read each guest's record, and look once at every file and folder of each guest
 * folder, a link not followed, as the plugin looks: a file through the {@code unix} attribute view
 * (the only one with the change time, which an edit that puts the modification time back still
 * moves), a folder through {@link BasicFileAttributes}.
 * Guests side by side on as many threads as the plugin uses. No parsing, no comparing, no digest
 * of the declaration: what is left when the plugin's own code costs nothing.
 *
 * <p>What it cannot show: inside Maven the same calls run while the compiler threads are still busy
 * with validation's code, so there they cost somewhat more. A plugin built to do exactly this on a
 * no-op (not committed; the Benchmark page) came out within a few hundredths of this figure.
 *
 * <p>Run as {@code NoOpFloor <output folder> <result file>}; the result file gets the milliseconds.
 */
final class NoOpFloor {

    private static final String RECORDS = ".xenpv-written";
    private static final String RECORD_SUFFIX = ".bundle";
    private static final String UNIX_ATTRIBUTES = "unix:mode,size,lastModifiedTime,ctime,ino";

    private NoOpFloor() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Paths.get(args[0]);
        List<Guest> guests = guests(output);
        long start = System.nanoTime();
        Looked looked = look(guests, Runtime.getRuntime().availableProcessors());
        double millis = (System.nanoTime() - start) / 1e6;
        Files.writeString(Paths.get(args[1]), String.format(Locale.ROOT, "%.1f%n", millis), StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "no-op floor: %d records (%d bytes) read and %d entries (%d bytes) looked at in %.1f ms%n",
                guests.size(), looked.recordBytes(), looked.entries(), looked.entryBytes(), millis);
    }

    /** What the floor went through: the records' bytes, and how many entries it looked at and the sizes they showed. */
    record Looked(long recordBytes, long entries, long entryBytes) {

        Looked plus(Looked other) {
            return new Looked(recordBytes + other.recordBytes, entries + other.entries, entryBytes + other.entryBytes);
        }
    }

    /** A guest's record, every file of its folder, and every folder of it, the folder itself first. */
    record Guest(Path record, List<Path> files, List<Path> folders) {
    }

    /** Every guest with a record in {@code output}, found before the clock starts. */
    static List<Guest> guests(Path output) throws IOException {
        List<Guest> guests = new ArrayList<>();
        try (DirectoryStream<Path> records = Files.newDirectoryStream(output.resolve(RECORDS), "*" + RECORD_SUFFIX)) {
            for (Path record : records) {
                String name = record.getFileName().toString();
                Path folder = output.resolve(name.substring(0, name.length() - RECORD_SUFFIX.length()));
                List<Path> files = new ArrayList<>();
                List<Path> folders = new ArrayList<>();
                try (Stream<Path> entries = Files.walk(folder)) {
                    entries.forEach(entry -> (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? folders : files).add(entry));
                }
                guests.add(new Guest(record, files, folders));
            }
        }
        return guests;
    }

    /** Reads every record and looks at every entry, guests shared out over {@code threads}. */
    static Looked look(List<Guest> guests, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Looked>> looked = new ArrayList<>();
            for (int first = 0; first < threads; first++) {
                int offset = first;
                looked.add(pool.submit(() -> {
                    long recordBytes = 0;
                    long entries = 0;
                    long entryBytes = 0;
                    for (int i = offset; i < guests.size(); i += threads) {
                        Guest guest = guests.get(i);
                        recordBytes += Files.readAllBytes(guest.record()).length;
                        for (Path file : guest.files()) {
                            Map<String, Object> attributes = Files.readAttributes(file, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                            entries++;
                            entryBytes += (Long) attributes.get("size");
                        }
                        for (Path folder : guest.folders()) {
                            entries++;
                            entryBytes += Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
                        }
                    }
                    return new Looked(recordBytes, entries, entryBytes);
                }));
            }
            Looked all = new Looked(0, 0, 0);
            for (Future<Looked> thread : looked) {
                all = all.plus(thread.get());
            }
            return all;
        } finally {
            pool.shutdown();
        }
    }
}
