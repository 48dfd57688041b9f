package io.github.xenpv.mojo;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.bundle.BundleWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/** The goals that render bundle folders ({@code generate}, {@code bundle}): where to, and from which templates. */
abstract class AbstractRenderingMojo extends AbstractXenpvMojo {

    /**
     * The folder that receives one bundle folder per guest,
     * <code>{outputDirectory}/{name}/</code>. Set it with {@code -Dxenpv.outputDirectory=...} or an
     * {@code outputDirectory} element.
     */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/xenpv")
    private File outputDirectory;

    /**
     * A folder of your own FreeMarker templates. A file here at the same relative path as a
     * bundled template (for example {@code guest/etc/fstab.ftl}) replaces that template; the others stay
     * the plugin's. The folder is optional: when it does not exist, the bundled templates are used.
     * The README's "Your own templates" lists the paths and the data model templates see.
     */
    @Parameter(property = PropertyNames.TEMPLATES_DIRECTORY, defaultValue = "${project.basedir}/src/main/xenpv")
    private File templatesDirectory;

    File outputDirectory() {
        return outputDirectory;
    }

    /** A generator writing under {@code outputDirectory} with the user's templates. */
    BundleGenerator generator() throws IOException {
        return new BundleGenerator(outputDirectory.toPath(), templatesDirectory.toPath());
    }

    /**
     * Logs what a write did: one summary line (at INFO when {@code summaryAtInfo}, else at debug),
     * and each file written, kept or removed at debug, so {@code -X} names every file.
     */
    void log(BundleWriter.Report report, int guests, boolean summaryAtInfo) {
        String summary = "xenpv: " + count(guests, "guest") + " rendered into " + outputDirectory + ": "
                + count(report.written().size(), "file") + " written, " + report.unchanged().size() + " unchanged, "
                + report.removed().size() + " removed";
        if (summaryAtInfo) {
            getLog().info(summary);
        } else {
            getLog().debug(summary);
        }
        if (getLog().isDebugEnabled()) {
            debug("written", report.written());
            debug("kept (unchanged)", report.unchanged());
            debug("removed", report.removed());
        }
    }

    private void debug(String what, List<Path> files) {
        files.forEach(file -> getLog().debug("xenpv: " + what + " " + file));
    }
}
