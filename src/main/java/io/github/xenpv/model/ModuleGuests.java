package io.github.xenpv.model;

import java.util.List;

/**
 * The guests another module of the build declares: a release carries every module's bundles, so
 * this module's guests must not share a name, MAC, UUID or written disk source with them.
 *
 * @param module the module, as a clash names it (its artifactId)
 * @param guests its guests as bound from its POM, checked or not
 */
public record ModuleGuests(String module, List<Guest> guests) {

    /**
     * A module's guests, holding a copy of the list.
     *
     * @param module the module, as a clash names it
     * @param guests its guests
     */
    public ModuleGuests {
        guests = List.copyOf(guests);
    }
}
