package io.github.xenpv.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The guests as read from the POM by {@link DeclarationReader}, with every problem of reading
 * them. {@link #validate()} adds the validator's problems, so a misspelled element and a bad
 * value elsewhere fail the same build, together.
 *
 * @param guests the bound guests; {@code null} when there was no {@code <guests>} element
 * @param problems what could not be read, each at its POM path
 * @param claimed paths whose validation errors only repeat one of {@code problems} (a value the
 *     reader could not bind is also "required" to the validator): those errors are left out
 */
public record Declaration(List<Guest> guests, List<Problem> problems, Set<String> claimed) {

    /**
     * A declaration holding copies of its lists.
     *
     * @param guests the bound guests; {@code null} when there was no {@code <guests>} element
     * @param problems what could not be read, each at its POM path
     * @param claimed paths whose validation errors only repeat one of {@code problems}
     */
    public Declaration {
        guests = guests == null ? null : List.copyOf(guests);
        problems = List.copyOf(problems);
        claimed = Set.copyOf(claimed);
    }

    /**
     * Validates the bound guests and puts the reading problems first, then the validator's, without
     * the ones a reading problem already explains.
     *
     * @return the checked guests (only when there is no problem at all), every error and the warnings
     */
    public Validation validate() {
        return validate(List.of());
    }

    /**
     * The same, with the guests of the build's other modules, which these must not clash with.
     *
     * @param otherModules the guests of the other modules that use the plugin
     * @return the checked guests (only when there is no problem at all), every error and the warnings
     */
    public Validation validate(List<ModuleGuests> otherModules) {
        Validation validation = GuestValidator.validate(guests, otherModules);
        List<Problem> errors = new ArrayList<>(problems);
        validation.errors().stream().filter(error -> !explained(error.path())).forEach(errors::add);
        return new Validation(errors.isEmpty() ? validation.guests() : List.of(), errors, validation.warnings());
    }

    private boolean explained(String path) {
        return claimed.stream().anyMatch(claim -> path.equals(claim) || path.startsWith(claim + "/"));
    }
}
