package io.github.xenpv.mojo;

import io.github.xenpv.model.Guest;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.Problem;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.Validation;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the guest declarations and the switches around them. A goal checks
 * {@code skip}, validates every guest (all problems at once), picks the guests {@code guest}
 * names, and hands them to its service.
 *
 * <p>Parameter descriptions are shown by {@code xenpv:help}, {@code help:describe} and the site;
 * {@code help:describe} reads them as HTML and drops anything in angle brackets, so placeholders
 * are written <code>{name}</code>, never {@code <name>}.
 */
abstract class AbstractXenpvMojo extends AbstractMojo {

    /** The project context key that says this module's skip line was logged by an earlier goal. */
    private static final String SKIP_LOGGED = "xenpv.guestFilterSkipLogged";

    /**
     * The guests to move onto the PV drivers: one {@code guest} element each, with at least
     * {@code name}, {@code arch}, {@code kernel}, {@code driverRelease} and {@code bootDisk/source}.
     * The README's "The guest declaration" lists every element with its default, and "Validation
     * rules" the rule each value must follow.
     */
    @Parameter(required = true)
    private List<Guest> guests;

    /**
     * Set to {@code true} to skip the goal; it then logs one line saying so and touches nothing.
     */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    private boolean skip;

    /**
     * The name of the one guest to work on, e.g. {@code -Dxenpv.guest=web}; leave it unset for
     * every guest. All guests are still validated. A name that no guest of the build declares fails the
     * build, listing the declared names; in a multi-module build, a module that does not declare
     * it skips with one line, as long as another module does.
     */
    @Parameter(property = PropertyNames.GUEST)
    private String guest;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    private int checked;

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
        checked = validation.guests().size();
        List<ValidGuest> selected = selected(validation.guests());
        if (!selected.isEmpty()) {
            execute(selected);
        }
    }

    /** Runs the goal on the checked guests that {@code guest} selects; never called with none. */
    abstract void execute(List<ValidGuest> selected) throws MojoExecutionException, MojoFailureException;

    /** How many guests this module declares, all of them checked. */
    int checkedGuests() {
        return checked;
    }

    /** The {@code guest} filter as given, stripped; {@code null} when every guest is selected. */
    String guestFilter() {
        return guest == null || guest.isBlank() ? null : guest.strip();
    }

    MavenProject project() {
        return project;
    }

    /** {@code 1 guest}, {@code 2 guests}: a count with its noun, for log lines. */
    static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /**
     * The guests the filter selects. When it names no guest of this module but another module of
     * the build declares it (a reactor run with {@code -Dxenpv.guest=b1}), the module is skipped,
     * with one INFO line per module; when no module does, the build fails.
     */
    private List<ValidGuest> selected(List<ValidGuest> valid) throws MojoFailureException {
        String wanted = guestFilter();
        if (wanted == null) {
            return valid;
        }
        List<ValidGuest> named = valid.stream().filter(candidate -> candidate.name().equals(wanted)).toList();
        if (!named.isEmpty()) {
            return named;
        }
        List<MavenProject> build = session.getProjects();
        Map<MavenProject, List<String>> declared = ReactorGuests.declaredNames(build, ReactorGuests.PLUGIN_KEY);
        List<String> declaring = declared.entrySet().stream().filter(entry -> entry.getValue().contains(wanted))
                .map(entry -> entry.getKey().getArtifactId()).toList();
        if (!declaring.isEmpty()) {
            String line = "xenpv: skipped: " + PropertyNames.GUEST + " '" + wanted
                    + "' is not a guest of this module (declared in " + String.join(", ", declaring) + ")";
            if (project.getContextValue(SKIP_LOGGED) == null) {
                project.setContextValue(SKIP_LOGGED, Boolean.TRUE);
                getLog().info(line);
            } else {
                getLog().debug(line);
            }
            return List.of();
        }
        String names = valid.stream().map(ValidGuest::name).collect(Collectors.joining(", "));
        if (build.size() <= 1) {
            throw new MojoFailureException("xenpv: " + PropertyNames.GUEST + " '" + wanted
                    + "' names no declared guest; declared: " + names);
        }
        throw new MojoFailureException("xenpv: " + PropertyNames.GUEST + " '" + wanted
                + "' names no guest of any module in this build; declared: " + declared.entrySet().stream()
                        .filter(entry -> !entry.getValue().isEmpty())
                        .map(entry -> entry.getKey().getArtifactId() + ": " + String.join(", ", entry.getValue()))
                        .collect(Collectors.joining("; ")));
    }

    private static String problems(List<Problem> errors) {
        return errors.stream().map(problem -> "  " + problem)
                .collect(Collectors.joining("\n", "xenpv: " + count(errors.size(), "problem")
                        + " in the guest declarations:\n", ""));
    }
}
