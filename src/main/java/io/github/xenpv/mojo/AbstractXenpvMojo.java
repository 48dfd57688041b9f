package io.github.xenpv.mojo;

import io.github.xenpv.model.DeclarationReader;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.ModuleGuests;
import io.github.xenpv.model.Problem;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.Validation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * What every goal shares: the guest declarations and the switches around them. A goal checks
 * {@code skip}, reads and validates every guest (all problems at once), picks the guests
 * {@code guest} names, and hands them to its service.
 *
 * <p>Parameter descriptions are shown by {@code xenpv:help}, {@code help:describe} and the site;
 * {@code help:describe} reads them as HTML and drops anything in angle brackets, so placeholders
 * are written <code>{name}</code>, never {@code <name>}.
 */
abstract class AbstractXenpvMojo extends AbstractMojo {

    /** The project context key that says this module's skip line was logged by an earlier goal. */
    private static final String SKIP_LOGGED = "xenpv.guestFilterSkipLogged";

    /**
     * A task that publishes artifacts: the {@code install} or {@code deploy} phase, or the goal of
     * that name of the install or deploy plugin ({@code deploy:deploy},
     * {@code org.apache.maven.plugins:maven-deploy-plugin:3.1.4:deploy}).
     */
    private static final Pattern PUBLISHING = Pattern.compile(
            "install|deploy|(?:[^:]+:)?(?:maven-)?(install|deploy)(?:-plugin)?(?::[^:]+)?:\\1");

    /**
     * The guests to move onto the PV drivers: one {@code guest} element each, with at least
     * {@code name}, {@code arch}, {@code kernel}, {@code driverRelease} and {@code bootDisk/source}.
     * The plugin site's "Guest element reference" page (guest-reference.html) lists every element
     * with its type and default, and its "Validation rules" page (validation.html) the rule each
     * value must follow.
     */
    // Declared with the type users write, for Maven's documentation of the parameter (plugin.xml,
    // xenpv:help, the site). Maven never binds it: it calls the public setGuests below with the XML
    // as written, and DeclarationReader binds that, reporting every mistake at its POM path where
    // Maven would stop at the first one with a Java class name. Not required: Maven would check that
    // before skip, and say it in its own words.
    @Parameter
    private List<Guest> guests;

    private PlexusConfiguration guestsElement;

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

    private boolean guestDeclaredHere;

    /**
     * Set to {@code true} to let a build that runs {@code install} or {@code deploy} work on the one
     * guest {@code guest} names. Without it such a build fails before anything is written: it would
     * publish a partial release, this guest's bundle and every other module's version without its
     * bundles, and a repository that refuses redeploys keeps that version so.
     */
    @Parameter(property = PropertyNames.ALLOW_PARTIAL_RELEASE, defaultValue = "false")
    private boolean allowPartialRelease;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    /** This execution's configuration as the POM has it, read once per run of the goal. */
    private PomConfiguration pomConfiguration;

    private Set<String> declared = Set.of();

    /**
     * Takes {@code guests} as the POM has it; Maven calls this rather than setting the field (a
     * public setter wins), so that the plugin, not Maven's binding, reads the declaration.
     *
     * @param guests the {@code guests} element, its values not yet evaluated
     */
    public void setGuests(PlexusConfiguration guests) {
        this.guestsElement = guests;
    }

    /**
     * Takes {@code guest} as written, its expression not yet evaluated: a guest declared here
     * instead of inside {@code guests} is then the plugin's problem to name, not Maven's "Basic
     * element 'guest' must not contain child elements".
     *
     * @param guest the {@code guest} element
     */
    public void setGuest(PlexusConfiguration guest) {
        this.guest = guest.getValue(null);
        this.guestDeclaredHere = guest.getChildCount() > 0;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("xenpv: skipped (" + PropertyNames.SKIP + " is true)");
            return;
        }
        pomConfiguration = new PomConfiguration(project, mojoExecution);
        for (String element : pomConfiguration.importOnlyElements()) {
            warnOnce("xenpv: <" + element + "> is a parameter of the " + PomConfiguration.IMPORT + " goal only, which "
                    + "validate, generate and bundle ignore" + (DeclarationReader.isGuestElement(element)
                            ? ": a guest's <" + element + "> belongs inside <guests><guest>" : ""));
        }
        ExpressionEvaluator evaluator = session == null ? null : new PluginParameterExpressionEvaluator(session, mojoExecution);
        List<Problem> errors = configurationProblems(evaluator);
        List<ModuleGuests> otherModules = otherModules();
        Validation validation = DeclarationReader.read(guestsElement == null ? null
                : ConfigurationTree.of(guestsElement, evaluator)).validate(otherModules);
        errors.addAll(validation.errors());
        for (Problem warning : validation.warnings()) {
            if (guestFilter() == null || warning.concerns(guestFilter())) {
                warnOnce("xenpv: " + warning);
            }
        }
        if (!errors.isEmpty()) {
            // in a reactor of several modules with guests, a clash names the other module: the header names this one
            throw new MojoFailureException(problems(errors, otherModules.isEmpty() ? null : project.getArtifactId()));
        }
        declared = new LinkedHashSet<>();
        validation.guests().forEach(valid -> declared.add(valid.name()));
        List<ValidGuest> selected = selected(validation.guests());
        if (!selected.isEmpty()) {
            execute(selected);
        }
    }

    /**
     * What is wrong around the guests, reported with them: elements no goal takes, a guest declared
     * as {@code guest}, and what a goal adds. Evaluates the {@code guest} filter on the way.
     */
    List<Problem> configurationProblems(ExpressionEvaluator evaluator) throws MojoFailureException {
        List<Problem> problems = new ArrayList<>(pomConfiguration.unknownElements());
        if (guestDeclaredHere) {
            problems.add(new Problem("guest", "holds elements, but <guest> here is the name of the one guest to build ("
                    + PropertyNames.GUEST + "): declare each guest inside <guests>"));
        }
        guest = ConfigurationTree.evaluate(guestDeclaredHere ? null : guest, "guest", evaluator);
        publishingTask().filter(task -> guestFilter() != null && !allowPartialRelease).ifPresent(task -> problems.add(
                new Problem("guest", "'" + guestFilter() + "' (" + PropertyNames.GUEST + ") in a build that runs " + task
                        + " would publish a partial release: this guest's bundle alone, and the other guests' module "
                        + "versions without their bundles, which a repository that refuses redeploys then keeps. Leave out "
                        + PropertyNames.GUEST + " to release every guest, or set " + PropertyNames.ALLOW_PARTIAL_RELEASE
                        + " (-D" + PropertyNames.ALLOW_PARTIAL_RELEASE + "=true) to publish the part")));
        return problems;
    }

    /** The task of this build that publishes artifacts: the {@code install} or {@code deploy} phase or goal. */
    private Optional<String> publishingTask() {
        if (session == null || session.getGoals() == null) {
            return Optional.empty();
        }
        return session.getGoals().stream().filter(task -> PUBLISHING.matcher(task).matches()).findFirst();
    }

    /** The guests of the build's other modules that use the plugin, which this module's must not clash with. */
    private List<ModuleGuests> otherModules() {
        if (session == null || session.getProjects() == null || session.getProjects().size() < 2 || project == null) {
            return List.of();
        }
        return ReactorGuests.otherModules(session.getProjects(), project, ReactorGuests.PLUGIN_KEY);
    }

    /** Runs the goal on the checked guests that {@code guest} selects; never called with none. */
    abstract void execute(List<ValidGuest> selected) throws MojoExecutionException, MojoFailureException;

    /** How many guests this module declares, all of them checked: one name each, as validation rejects a repeated name. */
    int checkedGuests() {
        return declared.size();
    }

    /** Every declared guest's name, selected or not: what an earlier build wrote for any other guest is cleaned up. */
    Set<String> declared() {
        return declared;
    }

    /** The {@code guest} filter as given, stripped; {@code null} when every guest is selected. */
    String guestFilter() {
        return guest == null || guest.isBlank() ? null : guest.strip();
    }

    MavenProject project() {
        return project;
    }

    MavenSession session() {
        return session;
    }

    /** Who writes the bundles, as the records of written files name it. */
    String owner() {
        return pomConfiguration.owner();
    }

    /** Logs a line at INFO the first time this build's goals offer it, at debug after that. */
    void infoOnce(String line) {
        if (OncePerBuild.first(getPluginContext(), line)) {
            getLog().info(line);
        } else {
            getLog().debug(line);
        }
    }

    /** Logs a warning the first time this build's goals offer it, at debug after that. */
    void warnOnce(String line) {
        if (OncePerBuild.first(getPluginContext(), line)) {
            getLog().warn(line);
        } else {
            getLog().debug(line);
        }
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
        Map<MavenProject, List<String>> declaredInBuild = ReactorGuests.declaredNames(build, ReactorGuests.PLUGIN_KEY);
        List<String> declaring = declaredInBuild.entrySet().stream().filter(entry -> entry.getValue().contains(wanted))
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
        List<String> leftOut = leftOutDeclaring(wanted);
        if (!leftOut.isEmpty()) {
            throw new MojoFailureException("xenpv: " + PropertyNames.GUEST + " '" + wanted + "' is a guest of "
                    + (leftOut.size() == 1 ? "module " : "modules ") + String.join(", ", leftOut) + ", which this build "
                    + "leaves out (-pl): add " + (leftOut.size() == 1 ? "it" : "one") + " to the modules it builds, e.g. -pl "
                    + build.stream().map(module -> ":" + module.getArtifactId()).collect(Collectors.joining(",")) + ",:"
                    + leftOut.get(0));
        }
        String names = valid.stream().map(ValidGuest::name).collect(Collectors.joining(", "));
        boolean partOfReactor = session.getAllProjects() != null && session.getAllProjects().size() > build.size();
        if (build.size() <= 1 && !partOfReactor) {
            throw new MojoFailureException("xenpv: " + PropertyNames.GUEST + " '" + wanted
                    + "' names no declared guest; declared: " + names);
        }
        throw new MojoFailureException("xenpv: " + PropertyNames.GUEST + " '" + wanted
                + "' names no guest of " + (partOfReactor ? "the modules of this build, nor of the ones it leaves out"
                        : "any module in this build") + "; declared: " + declaredInBuild.entrySet().stream()
                        .filter(entry -> !entry.getValue().isEmpty())
                        .map(entry -> entry.getKey().getArtifactId() + ": " + String.join(", ", entry.getValue()))
                        .collect(Collectors.joining("; ")));
    }

    /**
     * The modules of the reactor that this build leaves out ({@code -pl}) and that declare the
     * guest {@code wanted}, when Maven says which modules those are.
     */
    private List<String> leftOutDeclaring(String wanted) {
        List<MavenProject> all = session.getAllProjects();
        if (all == null) {
            return List.of();
        }
        List<MavenProject> leftOut = all.stream().filter(candidate -> !session.getProjects().contains(candidate)).toList();
        return ReactorGuests.declaredNames(leftOut, ReactorGuests.PLUGIN_KEY).entrySet().stream()
                .filter(entry -> entry.getValue().contains(wanted)).map(entry -> entry.getKey().getArtifactId()).toList();
    }

    /** @param module this module's artifactId, named when the build has other modules with guests; else {@code null} */
    private static String problems(List<Problem> errors, String module) {
        boolean declarationsOnly = errors.stream().allMatch(problem -> problem.path().startsWith("guests"));
        return errors.stream().map(problem -> "  " + problem).collect(Collectors.joining("\n",
                "xenpv: " + count(errors.size(), "problem")
                        + (declarationsOnly ? " in the guest declarations" : " in the plugin configuration")
                        + (module == null ? "" : " of module " + module) + ":\n", ""));
    }
}
