package io.github.xenpv.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks guest declarations against every rule of the product (SPEC §4, §6) and turns them into
 * {@link ValidGuest}s with their defaults and derived values. Every problem of every guest is
 * collected, each at the path of the POM element that holds the bad value: the rules of one guest
 * are in {@link GuestCheck} (its disks in {@link DiskCheck}, its base lines in {@link BaseFiles}),
 * the rules between guests in {@link CrossGuestCheck}.
 *
 * <p>The rules only let through characters that are inert where the value lands: no quotes, no
 * white space, no {@code $}, no backquotes, no newlines in anything that reaches a shell script,
 * an fstab field or the xm config.
 */
public final class GuestValidator {

    private GuestValidator() {
    }

    /**
     * Checks every guest against every rule, all at once.
     *
     * @param guests the declarations as bound from the POM; {@code null} counts as none
     * @return the checked guests (only when there is no error), every error and every warning
     */
    public static Validation validate(List<Guest> guests) {
        return validate(guests, List.of());
    }

    /**
     * Checks every guest against every rule, all at once, and against the guests of the other
     * modules of the build: a clash with one is reported at this module's element, naming the
     * other module's. Their own problems are theirs to report.
     *
     * @param guests the declarations as bound from the POM; {@code null} counts as none
     * @param otherModules the guests of the build's other modules that use the plugin
     * @return the checked guests (only when there is no error), every error and every warning
     */
    public static Validation validate(List<Guest> guests, List<ModuleGuests> otherModules) {
        Problems problems = new Problems();
        List<ValidGuest> valid = new ArrayList<>();
        if (guests == null || guests.isEmpty()) {
            problems.error("guests", "at least one <guest> is required");
        } else {
            CrossGuestCheck crossGuest = new CrossGuestCheck(problems);
            for (ModuleGuests other : otherModules) {
                for (int i = 0; i < other.guests().size(); i++) {
                    Guest guest = other.guests().get(i);
                    if (guest != null) {
                        String path = "guests/guest[" + label(guest, i) + "]";
                        GuestCheck check = new GuestCheck(new Problems(), path, guest);
                        check.check();
                        crossGuest.addOther(other.module(), path, check);
                    }
                }
            }
            for (int i = 0; i < guests.size(); i++) {
                Guest guest = guests.get(i);
                String path = "guests/guest[" + label(guest, i) + "]";
                if (guest == null) {
                    problems.error(path, "is empty");
                    continue;
                }
                GuestCheck check = new GuestCheck(problems, path, guest);
                ValidGuest checked = check.check();
                crossGuest.add(path, check);
                if (checked != null) {
                    valid.add(checked);
                }
            }
        }
        return new Validation(problems.errors().isEmpty() ? valid : List.of(), problems.errors(), problems.warnings());
    }

    /**
     * Whether {@code name} is a guest name the plugin takes: it names the Xen domain, {@code
     * /etc/xen/<name>} and the guest's folders.
     *
     * @param name a guest's name
     * @return whether {@code <name>} accepts it
     */
    public static boolean isGuestName(String name) {
        return GuestCheck.NAME.matcher(name).matches();
    }

    /**
     * Whether an {@code <extraConfig>} value is written into the xm config as a number rather than a string.
     *
     * @param value the value
     * @return whether the plugin writes it bare
     */
    public static boolean isExtraConfigNumber(String value) {
        return GuestCheck.EXTRA_INTEGER.matcher(value).matches();
    }

    /** A guest is named by its name when that is a valid one, else by its position (from 1); DeclarationReader names guests the same way. */
    static String label(Guest guest, int index) {
        String name = guest == null ? null : Values.text(guest.getName());
        return name != null && isGuestName(name) ? name : Integer.toString(index + 1);
    }
}
