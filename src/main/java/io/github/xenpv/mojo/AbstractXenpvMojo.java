package io.github.xenpv.mojo;

import io.github.xenpv.bundle.BundleWriter;
import io.github.xenpv.model.DeclarationReader;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Problem;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.Validation;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 */
abstract class AbstractXenpvMojo extends AbstractMojo {

    /**
     * The guests to move onto the PV drivers, one {@code <guest>} each, with at least {@code name},
     * {@code arch}, {@code kernel}, {@code driverRelease} and {@code bootDisk/source}. The README
     * lists every element with its default and its rule.
     */
    // Declared with the type users write, for Maven's documentation of the parameter (plugin.xml,
    // xenpv:help, the site). Maven never binds it: it calls the public setGuests below with the XML
    // as written, and DeclarationReader binds that, reporting every mistake at its POM path where
    // Maven would stop at the first one with a Java class name.
    @Parameter
    private List<Guest> guests;

    private PlexusConfiguration guestsElement;

    private boolean guestDeclaredHere;

    private Set<String> declared = Set.of();

    /** Where each guest's bundle folder is written, as {@code <outputDirectory>/<name>/}. */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/xenpv")
    private File outputDirectory;

    /**
     * Lets {@code outputDirectory} be a folder outside the build directory. The plugin still writes
     * and removes only its own files there; it never takes the project's base directory.
     */
    @Parameter(property = PropertyNames.ALLOW_OUTSIDE_TARGET, defaultValue = "false")
    private boolean allowOutsideTarget;

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

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    /** Maven calls this, not the field, with {@code <guests>} as the POM has it (a public setter wins). */
    public void setGuests(PlexusConfiguration guests) {
        this.guestsElement = guests;
    }

    /**
     * Maven calls this, not the field, with {@code <guest>} as written, its expression not yet
     * evaluated: a guest declared here instead of inside {@code <guests>} is then the plugin's
     * problem to name, not Maven's "Basic element 'guest' must not contain child elements".
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
        ExpressionEvaluator evaluator = session == null ? null : new PluginParameterExpressionEvaluator(session, mojoExecution);
        List<Problem> errors = configurationProblems(evaluator);
        Validation validation = DeclarationReader.read(guestsElement == null ? null
                : ConfigurationTree.of(guestsElement, evaluator)).validate();
        errors.addAll(validation.errors());
        for (Problem warning : validation.warnings()) {
            if (isSelected(warning)) {
                warnOnce("xenpv: " + warning);
            }
        }
        if (!errors.isEmpty()) {
            throw new MojoFailureException(problems(errors));
        }
        declared = new LinkedHashSet<>();
        validation.guests().forEach(valid -> declared.add(valid.name()));
        execute(selected(validation.guests()));
    }

    /**
     * What is wrong around the guests: elements no goal takes, a guest declared as {@code <guest>},
     * an output directory the bundles may not have. Evaluates the {@code guest} filter on the way.
     */
    private List<Problem> configurationProblems(ExpressionEvaluator evaluator) throws MojoFailureException {
        List<Problem> problems = new ArrayList<>(new PomConfiguration(project, mojoExecution).unknownElements());
        if (guestDeclaredHere) {
            problems.add(new Problem("guest", "holds elements, but <guest> here is the name of the one guest to build ("
                    + PropertyNames.GUEST + "): declare each guest inside <guests>"));
        }
        guest = ConfigurationTree.evaluate(guestDeclaredHere ? null : guest, "guest", evaluator);
        OutputDirectoryGuard.check(outputDirectory, basedir, buildDirectory, allowOutsideTarget).ifPresent(problems::add);
        return problems;
    }

    /** Runs the goal on the checked guests that {@code guest} selects. */
    abstract void execute(List<ValidGuest> selected) throws MojoExecutionException, MojoFailureException;

    File outputDirectory() {
        return outputDirectory;
    }

    File templatesDirectory() {
        return templatesDirectory;
    }

    File buildDirectory() {
        return buildDirectory;
    }

    MavenProject project() {
        return project;
    }

    /** Who writes the bundles, as the records of written files name it. */
    String owner() {
        return new PomConfiguration(project, mojoExecution).owner();
    }

    /** Every declared guest's name, selected or not: what an earlier build wrote for any other guest is cleaned up. */
    Set<String> declared() {
        return declared;
    }

    /** Logs what a write left alone or cleaned up, each line once per build. */
    void logWrites(BundleWriter.Report report) {
        for (BundleWriter.Kept kept : report.kept()) {
            infoOnce("xenpv: kept in " + kept.folder() + ", not written by this plugin: " + String.join(", ", kept.files()));
        }
        for (BundleWriter.Pruned pruned : report.pruned()) {
            String removed = pruned.removed() + (pruned.removed() == 1 ? " file" : " files") + " the plugin wrote";
            if (pruned.kept().isEmpty()) {
                infoOnce("xenpv: guest '" + pruned.guestName() + "' is no longer declared: removed its folder "
                        + pruned.folder() + " (" + removed + ")");
            } else {
                warnOnce("xenpv: guest '" + pruned.guestName() + "' is no longer declared: removed the " + removed
                        + " in " + pruned.folder() + ", and kept the folder for what the plugin did not write: "
                        + String.join(", ", pruned.kept()));
            }
        }
    }

    void infoOnce(String line) {
        if (OncePerBuild.first(getPluginContext(), line)) {
            getLog().info(line);
        }
    }

    void warnOnce(String line) {
        if (OncePerBuild.first(getPluginContext(), line)) {
            getLog().warn(line);
        }
    }

    private boolean isSelected(Problem problem) {
        return guest == null || guest.isBlank() || problem.concerns(guest.strip());
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
        boolean declarationsOnly = errors.stream().allMatch(problem -> problem.path().startsWith("guests"));
        return errors.stream().map(problem -> "  " + problem).collect(Collectors.joining("\n",
                "xenpv: " + count + (declarationsOnly ? " in the guest declarations:\n" : " in the plugin configuration:\n"),
                ""));
    }
}
