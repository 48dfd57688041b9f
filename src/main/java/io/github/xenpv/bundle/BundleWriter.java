package io.github.xenpv.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes bundles into their guest folders under the output directory, by the rule that the
 * plugin owns only what it wrote ({@link OwnedFiles}): a file the bundle no longer has (say
 * rc.modules after a switch to rc.local) is removed when the plugin's record lists it, and
 * anything else in a guest folder (the kmod-xenpv RPM a user put next to install-guest.sh) stays
 * and is reported. The folder of a guest no longer declared loses what the plugin wrote there,
 * and goes when nothing else is left.
 */
public final class BundleWriter {

    /** Ends the name of a guest folder's record in {@code .xenpv-written/}. */
    static final String RECORD_SUFFIX = ".bundle";

    /**
     * Writes one file that belongs to no bundle (the import's pom and report) whole, never half:
     * unless it already holds these bytes, to a temporary file beside it moved into place, with
     * mode {@code rw-r--r--}.
     *
     * @param target  the file; its folder exists
     * @param content its bytes
     * @return whether anything changed
     * @throws IOException when the file cannot be written
     */
    public static boolean writeWhole(Path target, byte[] content) throws IOException {
        return OwnedFiles.writeWhole(target, content);
    }

    /**
     * What a write did, for the build log: the files it wrote, the files already right (kept as
     * they were) and the files of its own it removed, each in the order it met them; what it left
     * alone in guest folders because it did not write it; the guests no longer declared it
     * cleaned up after.
     *
     * @param written files written, new or changed
     * @param unchanged files whose bytes and mode were already right, left alone
     * @param removed files the plugin wrote that the bundle no longer has, removed
     * @param kept per declared guest, what its folder holds that the plugin did not write
     * @param pruned the guests no longer declared whose folders an earlier build wrote
     * @param overwritten the files among {@code written} that were changed since the plugin wrote
     *     them (by hand, say), so that change is gone
     */
    public record Report(List<Path> written, List<Path> unchanged, List<Path> removed, List<Kept> kept,
            List<Pruned> pruned, List<Path> overwritten) {

        /**
         * A report holding copies of the lists.
         *
         * @param written files written, new or changed
         * @param unchanged files whose bytes and mode were already right, left alone
         * @param removed files the plugin wrote that the bundle no longer has, removed
         * @param kept per declared guest, what its folder holds that the plugin did not write
         * @param pruned the guests no longer declared whose folders an earlier build wrote
         * @param overwritten the written files that were changed since the plugin wrote them
         */
        public Report {
            written = List.copyOf(written);
            unchanged = List.copyOf(unchanged);
            removed = List.copyOf(removed);
            kept = List.copyOf(kept);
            pruned = List.copyOf(pruned);
            overwritten = List.copyOf(overwritten);
        }

        /**
         * A report of a write that overwrote no change made since the plugin wrote a file.
         *
         * @param written files written, new or changed
         * @param unchanged files whose bytes and mode were already right, left alone
         * @param removed files the plugin wrote that the bundle no longer has, removed
         * @param kept per declared guest, what its folder holds that the plugin did not write
         * @param pruned the guests no longer declared whose folders an earlier build wrote
         */
        public Report(List<Path> written, List<Path> unchanged, List<Path> removed, List<Kept> kept,
                List<Pruned> pruned) {
            this(written, unchanged, removed, kept, pruned, List.of());
        }

        /**
         * Every file the write removed: those the bundles no longer have, and those of the guests
         * no longer declared.
         *
         * @return how many
         */
        public int removedCount() {
            return removed.size() + pruned.stream().mapToInt(guest -> guest.removed().size()).sum();
        }

        /**
         * A report of a write that left nothing of anyone else's and cleaned up after no guest.
         *
         * @param written files written, new or changed
         * @param unchanged files whose bytes and mode were already right, left alone
         * @param removed files the plugin wrote that the bundle no longer has, removed
         */
        public Report(List<Path> written, List<Path> unchanged, List<Path> removed) {
            this(written, unchanged, removed, List.of(), List.of());
        }
    }

    /**
     * Files in a guest's folder that the plugin did not write, and so left alone.
     *
     * @param guestName the guest
     * @param folder its bundle folder
     * @param files what the plugin did not write, relative to the folder, sorted
     */
    public record Kept(String guestName, Path folder, List<String> files) {
    }

    /**
     * A guest no longer declared: the files the plugin wrote in its folder, now removed, and what
     * stays because the plugin did not write it (the folder went when nothing stayed).
     *
     * @param guestName the guest
     * @param folder its bundle folder
     * @param removed the files removed
     * @param kept what the plugin did not write, relative to the folder, sorted
     */
    public record Pruned(String guestName, Path folder, List<Path> removed, List<String> kept) {
    }

    private final Path outputDirectory;
    private final String owner;

    /**
     * A writer into one output directory.
     *
     * @param outputDirectory the folder that holds one folder per guest
     * @param owner who writes (the project, and the execution when it declares guests of its own):
     *     guests that another owner wrote into a shared output directory are never pruned
     */
    public BundleWriter(Path outputDirectory, String owner) {
        this.outputDirectory = outputDirectory;
        this.owner = owner;
    }

    /**
     * Writes every bundle, then cleans up the folders of guests not in {@code declared}. Nothing is
     * written when a path any bundle needs holds what the plugin did not write.
     *
     * @param bundles the rendered bundles
     * @param declared every declared guest's name, written now or not
     * @return what the write did
     * @throws ForeignFileException when a path a bundle needs holds what the plugin did not write
     * @throws IOException when a file cannot be written or removed
     */
    public Report write(List<GuestBundle> bundles, Set<String> declared) throws IOException {
        List<OwnedFiles> folders = new ArrayList<>(bundles.size());
        List<OwnedFiles.Plan> plans = new ArrayList<>(bundles.size());
        List<String> conflicts = new ArrayList<>();
        List<Path> overwritten = new ArrayList<>();
        for (GuestBundle bundle : bundles) {
            OwnedFiles files = filesOf(bundle.guestName());
            if (!files.recorded()) {
                files.adopt(Checksums.verified(files.folder()));
            }
            OwnedFiles.Plan plan = files.plan(bundle.files());
            plan.conflicts().forEach(conflict -> conflicts.add(files.folder() + "/" + conflict));
            folders.add(files);
            plans.add(plan);
            overwritten.addAll(changedSinceWritten(files.folder(), plan));
        }
        if (!conflicts.isEmpty()) {
            throw new ForeignFileException("nothing was written: the plugin replaces only files it wrote, and "
                    + (conflicts.size() == 1 ? "a path" : conflicts.size() + " paths") + " the bundle needs "
                    + (conflicts.size() == 1 ? "holds" : "hold") + " something else:\n  "
                    + String.join("\n  ", conflicts) + "\nMove " + (conflicts.size() == 1 ? "it" : "them")
                    + " out of the way and build again.");
        }
        List<Path> written = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        List<Path> removed = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (int i = 0; i < folders.size(); i++) {
            OwnedFiles.Outcome outcome = folders.get(i).write(plans.get(i));
            written.addAll(outcome.written());
            unchanged.addAll(outcome.unchanged());
            removed.addAll(outcome.removed());
            if (!outcome.foreign().isEmpty()) {
                kept.add(new Kept(bundles.get(i).guestName(), folders.get(i).folder(), outcome.foreign()));
            }
        }
        return new Report(written, unchanged, removed, kept, prune(declared), overwritten);
    }

    /**
     * The files a plan replaces that no longer hold what the plugin last wrote there, by the
     * folder's {@code SHA256SUMS}: someone changed them since, and the write undoes that.
     */
    private static List<Path> changedSinceWritten(Path folder, OwnedFiles.Plan plan) throws IOException {
        if (plan.fresh()) {
            return List.of();
        }
        Map<String, String> lastWritten = Checksums.listed(folder);
        List<Path> changed = new ArrayList<>();
        for (OwnedFiles.Step step : plan.steps()) {
            String listed = lastWritten.get(step.file().path());
            if (step.change() == OwnedFiles.Change.CONTENT && listed != null
                    && Files.isRegularFile(step.target(), LinkOption.NOFOLLOW_LINKS)
                    && !Checksums.sha256(Files.readAllBytes(step.target())).equals(listed)) {
                changed.add(step.target());
            }
        }
        return changed;
    }

    /** Removes what the plugin wrote for guests this owner once wrote and no longer declares. */
    private List<Pruned> prune(Set<String> declared) throws IOException {
        List<Pruned> pruned = new ArrayList<>();
        for (Map.Entry<String, OwnedFiles.Outcome> cleanUp
                : OwnedFiles.removeUndeclared(outputDirectory, RECORD_SUFFIX, declared, this::filesOf).entrySet()) {
            OwnedFiles.Outcome outcome = cleanUp.getValue();
            if (!outcome.removed().isEmpty() || !outcome.foreign().isEmpty()) {
                pruned.add(new Pruned(cleanUp.getKey(), outputDirectory.resolve(cleanUp.getKey()), outcome.removed(),
                        outcome.foreign()));
            }
        }
        return pruned;
    }

    /** A guest's folder and what the plugin wrote there. */
    private OwnedFiles filesOf(String guestName) throws IOException {
        return new OwnedFiles(outputDirectory.resolve(guestName), WriteRecord.fileOf(outputDirectory, guestName, RECORD_SUFFIX),
                owner, true);
    }
}
