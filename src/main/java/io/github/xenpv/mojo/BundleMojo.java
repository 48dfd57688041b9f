package io.github.xenpv.mojo;

import io.github.xenpv.bundle.ArchiveFormat;
import io.github.xenpv.bundle.BundleArchiver;
import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.bundle.GuestBundle;
import io.github.xenpv.bundle.OutputTimestamp;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.render.RenderException;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Archives each guest's bundle folder as {@code <finalName>-xenpv-<name>.tar.gz} (and the other
 * {@code formats}) in the build directory and attaches it with classifier {@code xenpv-<name>},
 * so {@code install} and {@code deploy} publish it. The bundle folders are brought up to date
 * first, which writes nothing when {@code generate} already ran. Two builds of the same sources
 * give byte-identical archives.
 */
@Mojo(name = "bundle", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BundleMojo extends AbstractXenpvMojo {

    /**
     * The archive formats to write for each guest, each attached with its name as the artifact
     * type: {@code tar.gz} (default) and {@code zip}. Zip entries keep their Unix modes. On the
     * command line, a comma list: {@code -Dxenpv.formats=tar.gz,zip}.
     */
    @Parameter(property = PropertyNames.FORMATS, defaultValue = "tar.gz")
    private List<String> formats;

    /**
     * Attaches each archive to the project (classifier {@code xenpv-<name>}, type the format), so
     * that {@code install} and {@code deploy} publish it. With {@code false} the archives are only
     * written to the build directory.
     */
    @Parameter(property = PropertyNames.ATTACH, defaultValue = "true")
    private boolean attach;

    /**
     * The time stored on every archive entry: ISO-8601 with an offset ({@code 2026-01-01T00:00:00Z})
     * or seconds since the epoch, as for Maven's reproducible builds. Unset, the
     * {@code SOURCE_DATE_EPOCH} environment variable, and failing that 1980-01-01T00:00:02Z, so
     * archives are reproducible even then.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /** The folder the archives are written to. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    /** The start of each archive's name, {@code <finalName>-xenpv-<name>.<format>}. */
    @Parameter(defaultValue = "${project.build.finalName}", readonly = true, required = true)
    private String finalName;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    void execute(List<ValidGuest> selected) throws MojoExecutionException, MojoFailureException {
        List<ArchiveFormat> archiveFormats = archiveFormats();
        Instant entryTime = entryTime();
        List<BundleArchiver.Archive> archives;
        try {
            BundleGenerator generator = new BundleGenerator(outputDirectory().toPath(), templatesDirectory().toPath());
            List<GuestBundle> bundles = generator.render(selected);
            generator.write(bundles);
            archives = new BundleArchiver(entryTime).write(bundles, archiveFormats, buildDirectory.toPath(), finalName);
        } catch (RenderException e) {
            throw new MojoFailureException("xenpv: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("xenpv: could not write the bundle archives to " + buildDirectory + ": "
                    + e.getMessage(), e);
        }
        for (BundleArchiver.Archive archive : archives) {
            getLog().info("xenpv: " + archive.file() + (archive.written() ? " written" : " unchanged")
                    + (attach ? ", attached as " + archive.format().extension() + ":" + archive.classifier() : ""));
            if (attach) {
                projectHelper.attachArtifact(project, archive.format().extension(), archive.classifier(),
                        archive.file().toFile());
            }
        }
    }

    private List<ArchiveFormat> archiveFormats() throws MojoFailureException {
        List<ArchiveFormat> chosen = new ArrayList<>();
        for (String name : formats == null ? List.<String>of() : formats) {
            ArchiveFormat format = ArchiveFormat.named(name).orElseThrow(() -> new MojoFailureException(
                    "xenpv: formats/format '" + name + "' is not a format the plugin writes; use "
                            + ArchiveFormat.names()));
            if (!chosen.contains(format)) {
                chosen.add(format);
            }
        }
        if (chosen.isEmpty()) {
            throw new MojoFailureException("xenpv: formats names no archive format; use " + ArchiveFormat.names()
                    + ", or skip the goal with " + PropertyNames.SKIP);
        }
        return chosen;
    }

    private Instant entryTime() throws MojoFailureException {
        OutputTimestamp.Result entryTime = OutputTimestamp.parse(outputTimestamp, System::getenv);
        if (!entryTime.valid()) {
            throw new MojoFailureException("xenpv: " + entryTime.problem());
        }
        return entryTime.time();
    }
}
