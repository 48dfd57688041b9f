package io.github.xenpv.mojo;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.bundle.ForeignFileException;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.render.RenderException;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Validates every guest, then renders each selected guest's bundle folder,
 * <code>{outputDirectory}/{name}/</code>. Every file is rendered before the first is written; a
 * file that is already right is left alone, so a second run writes nothing. Only files the plugin
 * wrote are ever replaced or removed.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractRenderingMojo {

    @Override
    void execute(List<ValidGuest> selected) throws MojoExecutionException, MojoFailureException {
        try {
            BundleGenerator generator = generator();
            log(generator.generate(selected, declared(), driverRpms(selected)), selected.size(), true);
        } catch (RenderException | ForeignFileException e) {
            throw new MojoFailureException("xenpv: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("xenpv: could not write the bundles to " + outputDirectory() + ": "
                    + e.getMessage(), e);
        }
    }
}
