package io.github.xenpv.mojo;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.bundle.BundleWriter;
import io.github.xenpv.model.Problem;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;

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

    /** The folder the archives are written to, and inside which the bundle folders belong. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    File outputDirectory() {
        return outputDirectory;
    }

    File buildDirectory() {
        return buildDirectory;
    }

    @Override
    List<Problem> configurationProblems(ExpressionEvaluator evaluator) throws MojoFailureException {
        List<Problem> problems = super.configurationProblems(evaluator);
        OutputDirectoryGuard.check(outputDirectory, basedir, buildDirectory, allowOutsideTarget).ifPresent(problems::add);
        return problems;
    }

    /** A generator writing under {@code outputDirectory} with the user's templates, as this project's, staging in the build directory. */
    BundleGenerator generator() {
        return new BundleGenerator(outputDirectory.toPath(), templatesDirectory.toPath(), owner(), buildDirectory.toPath());
    }

    /**
     * Logs what a write did: one summary line (at INFO when {@code summaryAtInfo}, else at debug),
     * and each file written, kept or removed at debug, so {@code -X} names every file; then, once
     * per build, what it left alone because the plugin did not write it and the guests it cleaned
     * up after.
     */
    void log(BundleWriter.Report report, int guests, boolean summaryAtInfo) {
        int rendered = report.rendered().size();
        String guestsDone = rendered == guests ? count(guests, "guest") + " rendered into " + outputDirectory
                : count(guests, "guest") + " in " + outputDirectory + ", " + (rendered == 0 ? "none" : rendered)
                        + " rendered, " + (guests - rendered) + " up to date (nothing that feeds "
                        + (guests - rendered == 1 ? "its" : "their") + " files changed)";
        String summary = "xenpv: " + guestsDone + ": " + count(report.written().size(), "file") + " written, "
                + report.unchanged().size() + " unchanged, " + report.removed().size() + " removed";
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
