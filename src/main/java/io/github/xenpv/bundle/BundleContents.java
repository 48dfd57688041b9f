package io.github.xenpv.bundle;

import java.io.IOException;
import java.util.List;

/**
 * A guest's bundle as an archive needs it: what it holds at once (paths, modes, digests, enough to
 * tell that its archives are already right), its bytes only when an archive is made.
 */
public interface BundleContents {

    /** {@return the guest's name, also its folder's} */
    String guestName();

    /** {@return every file, without its bytes} */
    List<BundleEntry> entries();

    /**
     * The bundle with its bytes.
     *
     * @return every file of the bundle
     * @throws IOException when a file cannot be read or no longer holds what {@link #entries} says
     */
    GuestBundle read() throws IOException;
}
