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
     * cleaned up after; each written guest's bundle as its folder now holds it; and the guests it
     * rendered, the others having been left alone because nothing that feeds their files changed.
     *
     * @param written files written, new or changed
     * @param unchanged files whose bytes and mode were already right, left alone
     * @param removed files the plugin wrote that the bundle no longer has, removed
     * @param kept per declared guest, what its folder holds that the plugin did not write
     * @param pruned the guests no longer declared whose folders an earlier build wrote
     * @param bundles per guest written, its folder and files, for archiving
     * @param rendered the guests rendered, in order
     * @param overwritten the files among {@code written} that were changed since the plugin wrote
     *     them (by hand, say), so that change is gone
     */
    public record Report(List<Path> written, List<Path> unchanged, List<Path> removed, List<Kept> kept,
            List<Pruned> pruned, List<BundleFolder> bundles, List<String> rendered, List<Path> overwritten) {

        /**
         * A report holding copies of the lists.
         *
         * @param written files written, new or changed
         * @param unchanged files whose bytes and mode were already right, left alone
         * @param removed files the plugin wrote that the bundle no longer has, removed
         * @param kept per declared guest, what its folder holds that the plugin did not write
         * @param pruned the guests no longer declared whose folders an earlier build wrote
         * @param bundles per guest written, its folder and files, for archiving
         * @param rendered the guests rendered, in order
         * @param overwritten the written files that were changed since the plugin wrote them
         */
        public Report {
            written = List.copyOf(written);
            unchanged = List.copyOf(unchanged);
            removed = List.copyOf(removed);
            kept = List.copyOf(kept);
            pruned = List.copyOf(pruned);
            bundles = List.copyOf(bundles);
            rendered = List.copyOf(rendered);
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
         * @param bundles per guest written, its folder and files, for archiving
         * @param rendered the guests rendered, in order
         */
        public Report(List<Path> written, List<Path> unchanged, List<Path> removed, List<Kept> kept,
                List<Pruned> pruned, List<BundleFolder> bundles, List<String> rendered) {
            this(written, unchanged, removed, kept, pruned, bundles, rendered, List.of());
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
         * A report of a write that left nothing of anyone else's, cleaned up after no guest, and
         * names no bundle and no guest rendered.
         *
         * @param written files written, new or changed
         * @param unchanged files whose bytes and mode were already right, left alone
         * @param removed files the plugin wrote that the bundle no longer has, removed
         */
        public Report(List<Path> written, List<Path> unchanged, List<Path> removed) {
            this(written, unchanged, removed, List.of(), List.of(), List.of(), List.of(), List.of());
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

    /** Renders one guest's bundle, when its files must be written. */
    @FunctionalInterface
    interface Render<E extends Exception> {
        GuestBundle bundle() throws IOException, E;
    }

    private final Path outputDirectory;
    private final String owner;
    private final Path stagingDirectory;

    /**
     * A writer into one output directory, staging beside it (in its parent folder).
     *
     * @param outputDirectory the folder that holds one folder per guest
     * @param owner who writes (the project, and the execution when it declares guests of its own):
     *     guests that another owner wrote into a shared output directory are never pruned
     */
    public BundleWriter(Path outputDirectory, String owner) {
        this(outputDirectory, owner, null);
    }

    /**
     * A writer into one output directory.
     *
     * @param outputDirectory the folder that holds one folder per guest
     * @param owner who writes (the project, and the execution when it declares guests of its own):
     *     guests that another owner wrote into a shared output directory are never pruned
     * @param stagingDirectory where files wait until every guest has rendered: a folder outside the
     *     output directory on the same file system (the build directory), so that a failed build
     *     leaves the output directory as it was and a successful one moves each file with a rename;
     *     {@code null} for the output directory's parent folder
     */
    public BundleWriter(Path outputDirectory, String owner, Path stagingDirectory) {
        this.outputDirectory = outputDirectory;
        this.owner = owner;
        this.stagingDirectory = stagingDirectory;
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
        try (Staging staging = staging()) {
            List<OwnedFiles.Ready> ready = new ArrayList<>(bundles.size());
            for (GuestBundle bundle : bundles) {
                ready.add(prepare(bundle.guestName(), null, () -> bundle, staging));
            }
            return commit(ready, declared);
        }
    }

    /** A staging area for one write. */
    Staging staging() {
        return new Staging(stagingDirectory != null ? stagingDirectory : outputDirectory.toAbsolutePath().getParent());
    }

    /**
     * Makes one guest ready to write: left alone when its record says its files were made from
     * {@code inputs} and they are all still as written; else rendered, compared with the folder
     * and its new files staged.
     *
     * @param inputs what the guest's files are made from; {@code null} when unknown (then it is always rendered)
     */
    <E extends Exception> OwnedFiles.Ready prepare(String guestName, String inputs, Render<E> render, Staging staging)
            throws IOException, E {
        OwnedFiles files = filesOf(guestName);
        if (inputs != null) {
            OwnedFiles.Outcome unchanged = files.unchanged(inputs);
            if (unchanged != null) {
                return OwnedFiles.Ready.keep(files, unchanged);
            }
        }
        GuestBundle bundle = render.bundle();
        if (!files.recorded()) {
            files.adopt(Checksums.verified(files.folder()));
        }
        return new OwnedFiles.Ready(files, files.plan(bundle.files(), bundle.sha256(), staging), inputs, null);
    }

    /**
     * Writes the ready guests, unless a path any of them needs holds what the plugin did not write,
     * then cleans up after the guests not in {@code declared}.
     */
    Report commit(List<OwnedFiles.Ready> ready, Set<String> declared) throws IOException {
        List<String> conflicts = new ArrayList<>();
        for (OwnedFiles.Ready guest : ready) {
            guest.conflicts().forEach(conflict -> conflicts.add(guest.files().folder() + "/" + conflict));
        }
        if (!conflicts.isEmpty()) {
            throw new ForeignFileException("nothing was written: the plugin replaces only files it wrote, and "
                    + (conflicts.size() == 1 ? "a path" : conflicts.size() + " paths") + " the bundle needs "
                    + (conflicts.size() == 1 ? "holds" : "hold") + " something else:\n  "
                    + String.join("\n  ", conflicts) + "\nMove " + (conflicts.size() == 1 ? "it" : "them")
                    + " out of the way and build again.");
        }
        List<Path> overwritten = new ArrayList<>();
        for (OwnedFiles.Ready guest : ready) {
            if (guest.plan() != null) {
                overwritten.addAll(changedSinceWritten(guest.files().folder(), guest.plan()));
            }
        }
        List<OwnedFiles.Outcome> outcomes = OwnedFiles.writeAll(ready);
        List<Path> written = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        List<Path> removed = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        List<BundleFolder> bundles = new ArrayList<>(ready.size());
        List<String> rendered = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            OwnedFiles.Outcome outcome = outcomes.get(i);
            OwnedFiles files = ready.get(i).files();
            String guestName = files.folder().getFileName().toString();
            written.addAll(outcome.written());
            unchanged.addAll(outcome.unchanged());
            removed.addAll(outcome.removed());
            if (!outcome.foreign().isEmpty()) {
                kept.add(new Kept(guestName, files.folder(), outcome.foreign()));
            }
            bundles.add(new BundleFolder(guestName, files.folder(), ready.get(i).entries()));
            if (ready.get(i).plan() != null) {
                rendered.add(guestName);
            }
        }
        return new Report(written, unchanged, removed, kept, prune(declared), bundles, rendered, overwritten);
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
            String listed = lastWritten.get(step.path());
            if (step.change() == OwnedFiles.Change.CONTENT && listed != null
                    && Files.isRegularFile(step.target(), LinkOption.NOFOLLOW_LINKS)
                    && !listed.equals(Checksums.sha256Of(step.target()))) {
                changed.add(step.target());
            }
        }
        return changed;
    }

    /** Removes what the plugin wrote for guests this owner once wrote and no longer declares. */
    private List<Pruned> prune(Set<String> declared) throws IOException {
        List<Pruned> pruned = new ArrayList<>();
        for (Map.Entry<String, OwnedFiles.Outcome> cleanUp
                : OwnedFiles.removeUndeclared(outputDirectory, RECORD_SUFFIX, declared, owner, this::filesOf).entrySet()) {
            OwnedFiles.Outcome outcome = cleanUp.getValue();
            if (!outcome.removed().isEmpty() || !outcome.foreign().isEmpty()) {
                pruned.add(new Pruned(cleanUp.getKey(), outputDirectory.resolve(cleanUp.getKey()), outcome.removed(),
                        outcome.foreign()));
            }
        }
        return pruned;
    }

    /** A guest's folder and what the plugin wrote there. */
    OwnedFiles filesOf(String guestName) throws IOException {
        return new OwnedFiles(outputDirectory.resolve(guestName), WriteRecord.fileOf(outputDirectory, guestName, RECORD_SUFFIX),
                owner, true);
    }
}
