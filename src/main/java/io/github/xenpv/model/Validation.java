package io.github.xenpv.model;

import java.util.List;

/**
 * What {@link GuestValidator} found: the checked guests (only when there are no errors), every
 * error of every guest, and the warnings, which never stop a build.
 */
public record Validation(List<ValidGuest> guests, List<Problem> errors, List<Problem> warnings) {

    public Validation {
        guests = List.copyOf(guests);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
