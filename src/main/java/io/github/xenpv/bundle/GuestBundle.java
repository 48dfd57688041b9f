package io.github.xenpv.bundle;

import io.github.xenpv.render.RenderedFile;
import java.util.ArrayList;
import java.util.List;

/** Every file of one guest's bundle, rendered and checksummed, not yet written. */
public record GuestBundle(String guestName, List<RenderedFile> files) {

    /**
     * A bundle holding a copy of {@code files}.
     *
     * @param guestName the guest's name, also its folder's name
     * @param files every file of the bundle, paths relative to the guest's folder
     */
    public GuestBundle {
        files = List.copyOf(files);
    }

    /** The rendered files plus the {@code SHA256SUMS} over them. */
    static GuestBundle of(String guestName, List<RenderedFile> rendered) {
        List<RenderedFile> files = new ArrayList<>(rendered);
        files.add(Checksums.of(rendered));
        return new GuestBundle(guestName, files);
    }
}
