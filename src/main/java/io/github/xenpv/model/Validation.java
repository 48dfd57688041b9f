package io.github.xenpv.model;

import java.util.List;

/**
 * What {@link GuestValidator} found: the checked guests (only when there are no errors), every
 * error of every guest, and the warnings, which never stop a build.
 */
public record Validation(List<ValidGuest> guests, List<Problem> errors, List<Problem> warnings) {

    /**
     * A result holding copies of the lists.
     *
     * @param guests the checked guests, empty when there are errors
     * @param errors every broken rule of every guest
     * @param warnings what is worth knowing but does not stop the build
     */
    public Validation {
        guests = List.copyOf(guests);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** {@return whether no rule is broken, so that the guests can be rendered} */
    public boolean valid() {
        return errors.isEmpty();
    }
}
