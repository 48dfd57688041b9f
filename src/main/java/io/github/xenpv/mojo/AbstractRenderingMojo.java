package io.github.xenpv.mojo;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.bundle.BundleWriter;
import io.github.xenpv.bundle.DriverRpm;
import io.github.xenpv.bundle.DriverRpms;
import io.github.xenpv.model.Problem;
import io.github.xenpv.model.ValidGuest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.eclipse.aether.RepositorySystem;

/**
 * The goals that render bundle folders ({@code generate}, {@code bundle}): where to, and from
 * which templates. They write and remove only what the plugin wrote (see {@link BundleWriter}).
 */
abstract class AbstractRenderingMojo extends AbstractXenpvMojo {

    /**
     * The folder that receives one bundle folder per guest,
     * <code>{outputDirectory}/{name}/</code>. It is the build directory or a folder inside it,
     * unless {@code allowOutsideTarget} is set, and never the project's base directory. Set it with
     * {@code -Dxenpv.outputDirectory=...} or an {@code outputDirectory} element.
     */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/xenpv")
    private File outputDirectory;

    /**
     * Set to {@code true} to let {@code outputDirectory} be a folder outside the build directory.
     * The plugin still writes and removes only its own files there, and never takes the project's
     * base directory or a folder that holds the project.
     */
    @Parameter(property = PropertyNames.ALLOW_OUTSIDE_TARGET, defaultValue = "false")
    private boolean allowOutsideTarget;

    /**
     * A folder of your own FreeMarker templates. A file here at the same relative path as a
     * bundled template (for example {@code guest/etc/fstab.ftl}) replaces that template; the others stay
     * the plugin's. The folder is optional: when it does not exist, the bundled templates are used.
     * The plugin site's "Your own templates" page (templates.html) lists the paths and the data
     * model templates see.
     */
    @Parameter(property = PropertyNames.TEMPLATES_DIRECTORY, defaultValue = "${project.basedir}/src/main/xenpv")
    private File templatesDirectory;

    /**
     * The kmod-xenpv RPMs the bundles carry, so that a bundle (folder and archive) is complete and
     * {@code mvn clean} loses nothing. Each {@code driverRpm} holds a {@code file} of the project
     * (such as {@code rpms/kmod-xenpv-0.1-5.el.x86_64.rpm}), or the {@code groupId},
     * {@code artifactId}, {@code version} and optionally {@code classifier} and {@code type}
     * (default {@code rpm}) of a Maven artifact resolved from the project's repositories. Each
     * guest's bundle carries the one its {@code driverRpm} matches (of several, the one of its
     * kernel variant's package built for its arch) in {@code guest/}, next to
     * {@code install-guest.sh}, listed in {@code SHA256SUMS}. Unset, the bundles carry none, and the
     * RPM is placed by hand.
     */
    // Documented with the type users write; Maven calls setDriverRpms below with the XML as written,
    // and the plugin reads it, naming every mistake at its POM path.
    @Parameter
    private List<DriverRpmSource> driverRpms;

    private PlexusConfiguration driverRpmsElement;

    private List<DriverRpmSource> driverRpmSources = List.of();

    @Component
    private RepositorySystem repositorySystem;

    /** The folder the archives are written to, and inside which the bundle folders belong. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    File outputDirectory() {
        return outputDirectory;
    }

    /**
     * Takes {@code driverRpms} as the POM has it; Maven calls this rather than binding the field.
     *
     * @param driverRpms the {@code driverRpms} element, its values not yet evaluated
     */
    public void setDriverRpms(PlexusConfiguration driverRpms) {
        this.driverRpmsElement = driverRpms;
    }

    File buildDirectory() {
        return buildDirectory;
    }

    @Override
    List<Problem> configurationProblems(ExpressionEvaluator evaluator) throws MojoFailureException {
        List<Problem> problems = super.configurationProblems(evaluator);
        OutputDirectoryGuard.check(outputDirectory, basedir, buildDirectory, allowOutsideTarget).ifPresent(problems::add);
        DriverRpmSource.Read sources = DriverRpmSource.read(driverRpmsElement == null ? null
                : ConfigurationTree.of(driverRpmsElement, evaluator));
        problems.addAll(sources.problems());
        driverRpmSources = sources.sources();
        return problems;
    }

    /**
     * The driver RPM each of these guests' bundles carries, read (and resolved) once per run.
     *
     * @throws MojoFailureException naming every RPM that cannot be read or is none, and every guest
     *     whose {@code driverRpm} singles out none of them
     */
    Map<String, DriverRpm> driverRpms(List<ValidGuest> selected) throws MojoFailureException {
        if (driverRpmSources.isEmpty()) {
            return Map.of();
        }
        DriverRpmFiles.Read read = DriverRpmFiles.read(driverRpmSources, basedir.toPath(), new DriverRpmFiles.Repositories(
                repositorySystem, session().getRepositorySession(), project().getRemoteProjectRepositories()));
        List<Problem> problems = new ArrayList<>(read.problems());
        DriverRpms.Choice choice = DriverRpms.choose(selected, read.rpms());
        problems.addAll(choice.problems());
        if (!problems.isEmpty()) {
            throw new MojoFailureException(problems.stream().map(problem -> "  " + problem).collect(Collectors.joining(
                    "\n", "xenpv: " + count(problems.size(), "problem") + " with the driver RPMs:\n", "")));
        }
        return choice.byGuest();
    }

    /** A generator writing under {@code outputDirectory} with the user's templates, as this project's, staging in the build directory. */
    BundleGenerator generator() {
        return new BundleGenerator(outputDirectory.toPath(), templatesDirectory.toPath(), owner(), buildDirectory.toPath());
    }

    /**
     * Logs what a write did: one summary line (at INFO when {@code summaryAtInfo}, else at debug),
     * its count of removed files including those of guests no longer declared, and each file
     * written, kept or removed at debug, so {@code -X} names every file; a warning for each file
     * changed since the plugin wrote it, which the write replaced; then, once per build, what it
     * left alone because the plugin did not write it and the guests it cleaned up after.
     */
    void log(BundleWriter.Report report, int guests, boolean summaryAtInfo) {
        int rendered = report.rendered().size();
        String guestsDone = rendered == guests ? count(guests, "guest") + " rendered into " + outputDirectory
                : count(guests, "guest") + " in " + outputDirectory + ", " + (rendered == 0 ? "none" : rendered)
                        + " rendered, " + (guests - rendered) + " up to date (nothing that feeds "
                        + (guests - rendered == 1 ? "its" : "their") + " files changed)";
        String summary = "xenpv: " + guestsDone + ": " + count(report.written().size(), "file") + " written, "
                + report.unchanged().size() + " unchanged, " + report.removedCount() + " removed";
        if (summaryAtInfo) {
            getLog().info(summary);
        } else {
            getLog().debug(summary);
        }
        if (getLog().isDebugEnabled()) {
            report.rendered().forEach(guest -> getLog().debug("xenpv: rendered guest " + guest));
            debug("written", report.written());
            debug("kept (unchanged)", report.unchanged());
            debug("removed", report.removed());
        }
        for (Path overwritten : report.overwritten()) {
            getLog().warn("xenpv: " + overwritten + " was changed since the plugin wrote it: replaced, and the change "
                    + "is gone (the plugin owns the files it writes; change the POM or a template instead)");
        }
        for (BundleWriter.Kept kept : report.kept()) {
            infoOnce("xenpv: kept in " + kept.folder() + ", not written by this plugin: " + String.join(", ", kept.files()));
        }
        for (BundleWriter.Pruned pruned : report.pruned()) {
            debug("removed", pruned.removed());
            String removed = count(pruned.removed().size(), "file") + " the plugin wrote";
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

    private void debug(String what, List<Path> files) {
        files.forEach(file -> getLog().debug("xenpv: " + what + " " + file));
    }
}
