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
 * @param elements the element each guest was read from, in the same order; empty for guests not read
 *     from elements. {@link #validate()} gives each checked guest its element as its declaration
 *     (what its files are made from), so the guests must not be changed between reading and validating.
 */
public record Declaration(List<Guest> guests, List<Problem> problems, Set<String> claimed, List<ConfigElement> elements) {

    /**
     * A declaration holding copies of its lists.
     *
     * @param guests the bound guests; {@code null} when there was no {@code <guests>} element
     * @param problems what could not be read, each at its POM path
     * @param claimed paths whose validation errors only repeat one of {@code problems}
     * @param elements the element each guest was read from, in the same order; empty for guests not
     *     read from elements
     * @throws IllegalArgumentException when there are elements, but not one for each guest
     */
    public Declaration {
        guests = guests == null ? null : List.copyOf(guests);
        problems = List.copyOf(problems);
        claimed = Set.copyOf(claimed);
        elements = List.copyOf(elements);
        if (!elements.isEmpty() && (guests == null || elements.size() != guests.size())) {
            throw new IllegalArgumentException((guests == null ? 0 : guests.size()) + " guests read from "
                    + elements.size() + " elements");
        }
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
        List<ValidGuest> checked = errors.isEmpty() ? validation.guests() : List.of();
        if (!elements.isEmpty() && checked.size() == elements.size()) {
            // every guest checked, in the order they were read
            List<ValidGuest> declared = new ArrayList<>(checked.size());
            for (int i = 0; i < checked.size(); i++) {
                declared.add(checked.get(i).withDeclaration(elements.get(i)));
            }
            checked = declared;
        }
        return new Validation(checked, errors, validation.warnings());
    }

    private boolean explained(String path) {
        return claimed.stream().anyMatch(claim -> path.equals(claim) || path.startsWith(claim + "/"));
    }
}
