package io.github.xenpv.mojo;

import io.github.xenpv.model.Guest;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.Problem;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.Validation;
import java.io.File;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: the guest declarations and the switches around them. A goal checks
 * {@code skip}, validates every guest (all problems at once), picks the guests {@code guest}
 * names, and hands them to its service.
 */
abstract class AbstractXenpvMojo extends AbstractMojo {

    /**
     * The guests to move onto the PV drivers, one {@code <guest>} each, with at least {@code name},
     * {@code arch}, {@code kernel}, {@code driverRelease} and {@code bootDisk/source}. The README
     * lists every element with its default and its rule.
     */
    @Parameter(required = true)
    private List<Guest> guests;

    /** Where each guest's bundle folder is written, as {@code <outputDirectory>/<name>/}. */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/xenpv")
    private File outputDirectory;

    /**
     * A folder of FreeMarker templates: a file at the same relative path as a bundled template
     * (e.g. {@code guest/etc/fstab.ftl}) replaces it. Optional; without it the bundled templates
     * are used. The README documents the data model templates see.
     */
    @Parameter(property = PropertyNames.TEMPLATES_DIRECTORY, defaultValue = "${project.basedir}/src/main/xenpv")
    private File templatesDirectory;

    /** Skips the goal, logging one line that it did. */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    private boolean skip;

    /** Only the declared guest of this name; empty means every guest. A name no guest has fails the build. */
    @Parameter(property = PropertyNames.GUEST)
    private String guest;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("xenpv: skipped (" + PropertyNames.SKIP + " is true)");
            return;
        }
        Validation validation = GuestValidator.validate(guests);
        validation.warnings().forEach(warning -> getLog().warn("xenpv: " + warning));
        if (!validation.valid()) {
            throw new MojoFailureException(problems(validation.errors()));
        }
        execute(selected(validation.guests()));
    }

    /** Runs the goal on the checked guests that {@code guest} selects. */
    abstract void execute(List<ValidGuest> selected) throws MojoExecutionException, MojoFailureException;

    File outputDirectory() {
        return outputDirectory;
    }

    File templatesDirectory() {
        return templatesDirectory;
    }

    private List<ValidGuest> selected(List<ValidGuest> valid) throws MojoFailureException {
        if (guest == null || guest.isBlank()) {
            return valid;
        }
        List<ValidGuest> named = valid.stream().filter(candidate -> candidate.name().equals(guest.strip())).toList();
        if (named.isEmpty()) {
            throw new MojoFailureException("xenpv: " + PropertyNames.GUEST + " '" + guest.strip()
                    + "' names no declared guest; declared: "
                    + valid.stream().map(ValidGuest::name).collect(Collectors.joining(", ")));
        }
        return named;
    }

    private static String problems(List<Problem> errors) {
        String count = errors.size() == 1 ? "1 problem" : errors.size() + " problems";
        return errors.stream().map(problem -> "  " + problem)
                .collect(Collectors.joining("\n", "xenpv: " + count + " in the guest declarations:\n", ""));
    }
}
