package io.github.xenpv.mojo;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.bundle.BundleWriter;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.render.RenderException;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Validates, then renders each guest's bundle folder under {@code outputDirectory}. */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractXenpvMojo {

    @Override
    void execute(List<ValidGuest> selected) throws MojoExecutionException, MojoFailureException {
        try {
            BundleGenerator generator = new BundleGenerator(outputDirectory().toPath(), templatesDirectory().toPath());
            BundleWriter.Report report = generator.generate(selected);
            getLog().info("xenpv: " + selected.size() + (selected.size() == 1 ? " guest" : " guests") + " rendered into "
                    + outputDirectory() + ": " + report.written() + " files written, " + report.unchanged()
                    + " unchanged, " + report.removed() + " removed");
        } catch (RenderException e) {
            throw new MojoFailureException("xenpv: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("xenpv: could not write the bundles to " + outputDirectory() + ": "
                    + e.getMessage(), e);
        }
    }
}
