package io.github.xenpv.bundle;

import io.github.xenpv.render.RenderedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Every file of one guest's bundle, rendered and checksummed, not yet written.
 *
 * @param guestName the guest's name, also its folder's name
 * @param files every file of the bundle, paths relative to the guest's folder
 * @param sha256 each file's SHA-256 in hex, in the order of {@code files}
 */
public record GuestBundle(String guestName, List<RenderedFile> files, List<String> sha256) implements BundleContents {

    /**
     * A bundle holding copies of the lists.
     *
     * @param guestName the guest's name, also its folder's name
     * @param files every file of the bundle, paths relative to the guest's folder
     * @param sha256 each file's SHA-256 in hex, in the order of {@code files}
     */
    public GuestBundle {
        files = List.copyOf(files);
        sha256 = List.copyOf(sha256);
        if (files.size() != sha256.size()) {
            throw new IllegalArgumentException(files.size() + " files but " + sha256.size() + " digests");
        }
    }

    /**
     * A bundle of these files, their digests computed here.
     *
     * @param guestName the guest's name, also its folder's name
     * @param files every file of the bundle, paths relative to the guest's folder
     */
    public GuestBundle(String guestName, List<RenderedFile> files) {
        this(guestName, files, files.stream().map(file -> Checksums.sha256(file.content())).toList());
    }

    @Override
    public List<BundleEntry> entries() {
        List<BundleEntry> entries = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            entries.add(new BundleEntry(files.get(i).path(), files.get(i).executable(), sha256.get(i), files.get(i).secret()));
        }
        return entries;
    }

    /** {@return this bundle, whose bytes are in memory} */
    @Override
    public GuestBundle read() {
        return this;
    }

    /** The rendered files plus the {@code SHA256SUMS} over them; every file hashed once. */
    static GuestBundle of(String guestName, List<RenderedFile> rendered) {
        return of(guestName, rendered, List.of(), List.of());
    }

    /**
     * The rendered files, a file carried as it is (the driver RPM) whose digest is known, and the
     * {@code SHA256SUMS} over them all.
     */
    static GuestBundle of(String guestName, List<RenderedFile> rendered, RenderedFile carried, String carriedSha256) {
        return of(guestName, rendered, List.of(carried), List.of(carriedSha256));
    }

    private static GuestBundle of(String guestName, List<RenderedFile> rendered, List<RenderedFile> carried,
            List<String> carriedSha256) {
        List<String> digests = new ArrayList<>();
        rendered.forEach(file -> digests.add(Checksums.sha256(file.content())));
        digests.addAll(carriedSha256);
        List<RenderedFile> files = new ArrayList<>(rendered);
        files.addAll(carried);
        RenderedFile sums = Checksums.of(files, digests);
        files.add(sums);
        digests.add(Checksums.sha256(sums.content()));
        return new GuestBundle(guestName, files, digests);
    }
}
